import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { BarSeries } from "../../../src/engine/types.ts";
import { capitalArb, executionArb, marketArb } from "../reference/random-market.ts";
import { makeRequest, runSim } from "./series-fixtures.ts";

const STRATEGIES: [string, Record<string, unknown>][] = [
  ["buy_and_hold", {}],
  ["ma_crossover", { short_period: 2, long_period: 5 }],
  ["ma_crossover", { short_period: 3, long_period: 4, allow_short: true }],
  ["momentum", { lookback_period: 3, momentum_threshold: 2, rebalance_frequency: 2 }],
  ["mean_reversion", { lookback_period: 4, entry_threshold: 1, exit_threshold: 0.2, allow_short: true }],
  ["rsi", { lookback_period: 3, smoothing: "simple" }],
  ["covered_call", { days_to_expiry: 5, contracts: 2 }],
  ["target_weights", {}],
];

/** Prices scaled off the 1/8 grid so rounding noise is present. */
const scaled = (series: BarSeries[]) =>
  series.map((s) => ({ ...s, open: s.open.map((x) => x * 1.37), close: s.close.map((x) => x * 1.37), high: s.high.map((x) => x * 1.37), low: s.low.map((x) => x * 1.37) }));

function request(name: string, params: Record<string, unknown>, series: BarSeries[], execution: object, capital: number) {
  const symbols = series.map((s) => s.symbol);
  const portfolio_construction =
    name === "target_weights"
      ? { method: "target_weights" as const, target_weights: Object.fromEntries(symbols.map((s, k) => [s, k + 1])), rebalance_frequency: "weekly" as const, cash_floor_pct: 5, max_drawdown_pct: 30 }
      : null;
  return makeRequest({ symbols, strategy: { name, params }, execution, initial_capital: capital, portfolio_construction });
}

describe.each(STRATEGIES)("accounting properties: %s %j", (name, params) => {
  it("value = cash + positions, cash ≥ 0 when long-only, and the P&L identity", async () => {
    await fc.assert(
      fc.asyncProperty(marketArb, executionArb, capitalArb, async (raw, execution, capital) => {
        const series = scaled(raw);
        const { output } = await runSim({ request: request(name, params, series, execution, capital), series });
        for (const e of output.equity) {
          expect(Math.abs(e.value - (e.cash + e.positions))).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(e.value)));
          if (params.allow_short !== true) expect(e.cash).toBeGreaterThanOrEqual(0);
        }
        if (name === "covered_call") return;
        // Realised P&L already nets the commission of closing fills; opening fills' commissions
        // are the only costs outside it; slippage is inside fill prices.
        const realized = output.fills.reduce((a, f) => a + (f.realized_pnl ?? 0), 0);
        const opening = output.fills.reduce((a, f) => a + (f.realized_pnl === null ? f.commission : 0), 0);
        const unrealized = Object.values(output.final_positions).reduce((a, p) => a + p.unrealized_pnl, 0);
        const final = output.equity.at(-1)!.value;
        expect(Math.abs(realized + unrealized - opening - (final - capital))).toBeLessThanOrEqual(1e-6 * capital);
      }),
      { numRuns: 40 },
    );
  });

  it("no look-ahead: changing every bar after t changes nothing decided or filled at or before t", async () => {
    const arb = fc.tuple(marketArb, executionArb, capitalArb, fc.nat(), fc.integer({ min: 2, max: 9 }));
    await fc.assert(
      fc.asyncProperty(arb, async ([raw, execution, capital, pick, factor]) => {
        const series = scaled(raw);
        const times = [...new Set(series.flatMap((s) => Array.from(s.timestamps)))].sort((a, b) => a - b);
        const cut = times[pick % times.length];
        const changed = series.map((s) => {
          const after = (x: Float64Array) => x.map((v, i) => (s.timestamps[i] > cut ? v * (factor / 4) + (i % 3) : v));
          return { ...s, open: after(s.open), close: after(s.close), high: after(s.high), low: after(s.low), volume: after(s.volume) };
        });
        const req = request(name, params, series, execution, capital);
        const a = (await runSim({ request: req, series })).output;
        const b = (await runSim({ request: req, series: changed })).output;
        const upTo = <T extends { timestamp: number }>(xs: T[]) => xs.filter((x) => x.timestamp <= cut);
        expect(upTo(b.fills)).toEqual(upTo(a.fills));
        expect(upTo(b.order_events)).toEqual(upTo(a.order_events));
        expect(upTo(b.equity)).toEqual(upTo(a.equity));
        expect(upTo(b.option_trades)).toEqual(upTo(a.option_trades));
        expect(upTo(b.portfolio_diagnostics)).toEqual(upTo(a.portfolio_diagnostics));
      }),
      { numRuns: 40 },
    );
  });
});

describe("determinism", () => {
  it("same inputs give byte-identical outputs", async () => {
    await fc.assert(
      fc.asyncProperty(marketArb, executionArb, async (series, execution) => {
        const req = request("ma_crossover", { short_period: 2, long_period: 4, allow_short: true }, series, execution, 50_000);
        const a = (await runSim({ request: req, series })).output;
        const b = (await runSim({ request: req, series })).output;
        expect(JSON.stringify({ ...b, series: null })).toBe(JSON.stringify({ ...a, series: null }));
      }),
      { numRuns: 20 },
    );
  });
});
