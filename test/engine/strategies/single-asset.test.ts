import { describe, expect, it } from "vitest";
import { makeSeries, runStrategy } from "../simulation/series-fixtures.ts";

/** Opens equal to the previous close (the first open equals the first close). */
const prevOpens = (closes: number[]) => closes.map((_, i) => closes[Math.max(0, i - 1)]);
const bars = (symbol: string, closes: number[]) => makeSeries(symbol, closes, { opens: prevOpens(closes) });
const summary = (fills: { action: string; shares: number; price: number; realized_pnl: number | null }[]) =>
  fills.map((f) => [f.action, f.shares, f.price, f.realized_pnl]);

describe("buy_and_hold", () => {
  it("splits position_size of equity across symbols on the first bar and never sells", async () => {
    const out = await runStrategy([bars("A", [50, 55, 60]), bars("B", [20, 19, 21])], "buy_and_hold");
    expect(summary(out.fills)).toEqual([
      ["BUY", 950, 50, null],
      ["BUY", 2375, 20, null],
    ]);
    expect(out.fills.map((f) => f.timestamp)).toEqual([out.equity[1].timestamp, out.equity[1].timestamp]);
    expect(out.final_cash).toBe(5000);
    expect(out.equity.at(-1)?.value).toBe(111_875);
  });

  it("pays default slippage and commission", async () => {
    const out = await runStrategy([bars("A", [50, 55, 60])], "buy_and_hold", {}, { execution: {} });
    const f = out.fills[0];
    expect(f.shares).toBe(1900);
    expect(f.price).toBeCloseTo(50.025, 12);
    expect(f.slippage_cost).toBeCloseTo(47.5, 9);
    expect(f.commission).toBeCloseTo(0.001 * 1900 + 0.0005 * 1900 * 50.025, 9);
  });
});

describe("ma_crossover", () => {
  const closes = [10, 10, 10, 9, 12, 13, 8, 7, 7];

  it("acts on crossings only, long-only by default", async () => {
    const out = await runStrategy([bars("A", closes)], "ma_crossover", { short_period: 2, long_period: 3 });
    expect(summary(out.fills)).toEqual([
      ["BUY", 7916, 12, null],
      ["SELL", 7916, 8, -31_664],
    ]);
    expect(out.fills.map((f) => (f.timestamp - out.equity[0].timestamp) / 86_400_000)).toEqual([5, 7]);
    expect(out.final_cash).toBe(68_336);
  });

  it("goes short on down-crosses when allow_short, flipping through the position", async () => {
    const out = await runStrategy([bars("A", closes)], "ma_crossover", { short_period: 2, long_period: 3, allow_short: true });
    expect(summary(out.fills)).toEqual([
      ["SELL", 10_555, 9, null],
      ["BUY", 15_964, 12, -31_665],
      ["SELL", 10_954, 8, -21_636],
    ]);
    expect(out.final_positions.A).toMatchObject({ shares: -5545, average_cost: 8 });
    expect(out.equity.at(-1)?.value).toBe(52_244);
  });
});

describe("momentum", () => {
  it("decides every rebalance_frequency bars from the first warm bar", async () => {
    const closes = [100, 100, 110, 120, 130, 90, 80, 100, 120, 130];
    const out = await runStrategy([bars("A", closes)], "momentum", { lookback_period: 2, momentum_threshold: 5, rebalance_frequency: 3 });
    expect(summary(out.fills)).toEqual([
      ["BUY", 863, 110, null],
      ["SELL", 863, 90, -17_260],
      ["BUY", 655, 120, null],
    ]);
    expect(out.fills.map((f) => (f.timestamp - out.equity[0].timestamp) / 86_400_000)).toEqual([3, 6, 9]);
    expect(out.final_cash).toBe(4140);
  });
});

describe("mean_reversion", () => {
  it("scales in by position_size up to max_position_size and exits above -exit", async () => {
    const closes = [10, 11, 12, 9, 5, 0.5, 11, 12];
    const out = await runStrategy([bars("A", closes)], "mean_reversion", {
      lookback_period: 3, entry_threshold: 1, exit_threshold: 0.5, position_size: 0.25, max_position_size: 0.6,
    });
    expect(out.fills.map((f) => [f.action, f.shares, f.price])).toEqual([
      ["BUY", 2777, 9],
      ["BUY", 6112, 5],
      ["BUY", 49_780, 0.5],
      ["SELL", 58_669, 11],
    ]);
    expect(out.fills[3].realized_pnl).toBeCloseTo(564_916, 6);
    expect(out.final_cash).toBe(664_916);
  });

  it("mirrors for shorts only when allowed", async () => {
    const closes = [10, 9, 8, 11, 10.5, 8];
    const params = { lookback_period: 3, entry_threshold: 1, exit_threshold: 0.5 };
    const long = await runStrategy([bars("A", closes)], "mean_reversion", params);
    expect(long.fills).toEqual([]);
    const short = await runStrategy([bars("A", closes)], "mean_reversion", { ...params, allow_short: true });
    expect(summary(short.fills)).toEqual([
      ["SELL", 2272, 11, null],
      ["BUY", 2272, 10.5, 1136],
    ]);
  });
});

describe("rsi", () => {
  const closes = [10, 11, 10, 9, 8, 9, 11, 12];

  it("wilder: buys below oversold, exits above overbought", async () => {
    const out = await runStrategy([bars("A", closes)], "rsi", { lookback_period: 2, oversold_threshold: 20, overbought_threshold: 70 });
    expect(summary(out.fills)).toEqual([
      ["BUY", 11_875, 8, null],
      ["SELL", 11_875, 11, 35_625],
    ]);
  });

  it("simple smoothing reacts a bar earlier here", async () => {
    const out = await runStrategy([bars("A", closes)], "rsi", {
      lookback_period: 2, oversold_threshold: 20, overbought_threshold: 70, smoothing: "simple",
    });
    expect(summary(out.fills)).toEqual([
      ["BUY", 10_555, 9, null],
      ["SELL", 10_555, 11, 21_110],
    ]);
  });
});
