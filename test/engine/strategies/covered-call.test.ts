import { describe, expect, it } from "vitest";
import { strikeFor } from "../../../src/engine/execution/option-lifecycle.ts";
import { blackScholes } from "../../../src/engine/options/black-scholes.ts";
import { DAY, makeSeries, runStrategy, T0 } from "../simulation/series-fixtures.ts";

const closes = [100, 100, 101, 102, 110, 110, 104, 100, 100, 100];
const opens = closes.map((_, i) => closes[Math.max(0, i - 1)]);
const call = (spot: number, strike: number, days: number) =>
  blackScholes({ type: "call", spot, strike, timeYears: days / 365, volatility: 0.25, riskFreeRate: 0.02 });

describe("strikeFor", () => {
  it("rounds up to 0.1 / 0.5 / 1 ticks", () => {
    expect(strikeFor(100, 5)).toBe(105);
    expect(strikeFor(110, 5)).toBe(116);
    expect(strikeFor(50, 5)).toBe(52.5);
    expect(strikeFor(50, 5.5)).toBe(53);
    expect(strikeFor(50, 4)).toBe(52);
    expect(strikeFor(8, 5)).toBe(8.4);
    expect(strikeFor(80, 0)).toBe(80);
  });
});

describe("covered_call", () => {
  it("writes, marks, gets assigned, buys back, rewrites, expires worthless", async () => {
    const out = await runStrategy([makeSeries("X", closes, { opens })], "covered_call", { days_to_expiry: 3 });
    expect(out.option_trades.map((t) => [t.action, t.strike, (t.timestamp - T0) / DAY, (t.expiry - T0) / DAY])).toEqual([
      ["SELL_TO_OPEN", 105, 1, 4],
      ["ASSIGNED", 105, 4, 4],
      ["SELL_TO_OPEN", 116, 5, 8],
      ["EXPIRED", 116, 8, 8],
      ["SELL_TO_OPEN", 105, 9, 12],
    ]);
    expect(out.option_events.map((e) => e.event)).toEqual(["written", "assigned", "written", "expired", "written"]);
    expect(out.option_trades[0].contract).toBe("X-20240105-C105");
    const p1 = call(100, 105, 3).price;
    expect(out.option_trades[0].premium).toBe(p1);
    expect(out.option_trades[0].cash_flow).toBe(p1 * 100);
    expect(out.option_trades[1].premium).toBe(5);
    expect(out.fills.map((f) => [f.action, f.shares, f.price, (f.timestamp - T0) / DAY, f.realized_pnl])).toEqual([
      ["BUY", 100, 100, 1, null],
      ["SELL", 100, 105, 4, 500],
      ["BUY", 100, 110, 5, null],
    ]);
    // Bar 2: the call is a liability marked at the close with 2 days left.
    const cash1 = 100_000 - 10_000 + p1 * 100;
    expect(out.equity[2].cash).toBe(cash1);
    expect(out.equity[2].value).toBeCloseTo(cash1 + 100 * 101 - 100 * call(101, 105, 2).price, 9);
    // Bar 4: settled; shares called away at the strike.
    expect(out.equity[4].value).toBeCloseTo(100_500 + 100 * p1, 9);
    expect(out.equity[4].positions).toBe(0);
    const p2 = call(110, 116, 3).price;
    expect(out.option_trades[2].premium).toBe(p2);
    expect(out.final_cash).toBeCloseTo(100_500 + 100 * p1 - 11_000 + 100 * p2 + 100 * call(100, 105, 3).price, 9);
  });

  it("charges the commission model on the premium notional", async () => {
    const out = await runStrategy([makeSeries("X", closes, { opens })], "covered_call", { days_to_expiry: 3 }, { execution: { commission_bps: 100, minimum_commission: 0.5 } });
    const t = out.option_trades[0];
    expect(t.commission).toBe(Math.max(0.5, 0.01 * 100 * t.premium));
    expect(t.cash_flow).toBeCloseTo(100 * t.premium - t.commission, 12);
  });
});

describe("covered call: a premium below its commission", () => {
  it("is not written, so cash never goes negative (found by the accounting property)", async () => {
    const { makeRequest, runSim } = await import("../simulation/series-fixtures.ts");
    const F = Float64Array;
    const d = [1704067200000, 1704153600000, 1704240000000];
    // The open of day 2 gaps far above every close, so the call written there is deep OTM and worth ~0.
    const series = [
      { symbol: "S1", resolution: "day" as const, timestamps: F.from(d), open: F.from([1.37, 63.3625, 1.37]), high: F.from([1.37, 63.3625, 1.37]), low: F.from([1.37, 1.37, 1.37]), close: F.from([1.37, 1.37, 1.37]), volume: F.from([0, 10000, 10000]) },
    ];
    const { output } = await runSim({ request: makeRequest({ symbols: ["S1"], strategy: { name: "covered_call", params: { days_to_expiry: 5, contracts: 2 } }, execution: { slippage_bps: 0 }, initial_capital: 6326 }), series });
    expect(output.option_trades.filter((t) => t.action === "SELL_TO_OPEN")).toHaveLength(0);
    expect(output.logs.some((l) => l.message.includes("does not cover its commission"))).toBe(true);
    for (const e of output.equity) expect(e.cash).toBeGreaterThanOrEqual(0);
  });
});
