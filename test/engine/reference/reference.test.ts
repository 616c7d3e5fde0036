import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { makeRequest, runSim } from "../simulation/series-fixtures.ts";
import { referenceRun } from "./reference-engine.ts";
import { capitalArb, executionArb, marketArb } from "./random-market.ts";

const paramsArb = {
  buy_and_hold: fc.record({ position_size: fc.constantFrom(0.5, 0.95, 1) }),
  ma_crossover: fc
    .tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 6 }))
    .map(([s, extra]) => ({ short_period: s, long_period: s + extra, position_size: 0.95, allow_short: false })),
  rsi: fc.record({
    lookback_period: fc.integer({ min: 1, max: 6 }),
    oversold_threshold: fc.constantFrom(20, 30, 45),
    overbought_threshold: fc.constantFrom(55, 70, 80),
    smoothing: fc.constantFrom("wilder", "simple"),
    position_size: fc.constantFrom(0.5, 0.95),
  }),
};

describe.each(Object.keys(paramsArb) as (keyof typeof paramsArb)[])("reference engine agrees: %s", (name) => {
  it("identical fills and equity on random markets", async () => {
    let fills = 0;
    let partial = 0;
    await fc.assert(
      fc.asyncProperty(marketArb, paramsArb[name], executionArb, capitalArb, async (series, params, execution, capital) => {
        const request = makeRequest({
          symbols: series.map((s) => s.symbol), strategy: { name, params }, execution, initial_capital: capital,
        });
        const { output } = await runSim({ request, series });
        const ref = referenceRun(request, series);
        fills += ref.fills.length;
        partial += output.order_events.filter((e) => e.event === "partially_filled").length;
        expect(output.fills.map(({ timestamp, symbol, action, shares, price, commission, realized_pnl, closesPosition }) => ({
          timestamp, symbol, action, shares, price, commission, realized_pnl, closesPosition,
        }))).toEqual(ref.fills);
        expect(output.equity.map((e) => e.value)).toEqual(ref.equity);
        expect(output.equity.map((e) => e.cash)).toEqual(ref.cash);
      }),
      { numRuns: 60 },
    );
    // The comparison is not vacuous: trades happen, and some are cut by volume or cash.
    expect(fills).toBeGreaterThan(20);
    if (name !== "rsi") expect(partial).toBeGreaterThan(0);
  });
});
