import { describe, expect, it } from "vitest";
import { benchmarkBarValues, benchmarkValues, buildBenchmarkCurve, buildEquityCurve } from "../../../src/engine/report/curves.ts";
import type { BarSeries } from "../../../src/engine/types.ts";

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 1);

function series(timestamps: number[], close: number[]): BarSeries {
  const f = (xs: number[]) => new Float64Array(xs);
  return { symbol: "BM", resolution: "day", timestamps: f(timestamps), open: f(close), high: f(close), low: f(close), close: f(close), volume: f(close.map(() => 1)) };
}

describe("buildEquityCurve", () => {
  it("computes returns, period returns and drawdowns in percent", () => {
    const curve = buildEquityCurve(
      [
        { timestamp: T0, value: 100, cash: 100, positions: 0 },
        { timestamp: T0 + DAY, value: 110, cash: 10, positions: 100 },
        { timestamp: T0 + 2 * DAY, value: 99, cash: 9, positions: 90 },
      ],
      100,
    );
    expect(curve).toEqual([
      { timestamp: "2024-01-01T00:00:00.000Z", value: 100, cash: 100, positions: 0, total_pnl: 0, returns: 0, period_return: null, drawdown: 0 },
      { timestamp: "2024-01-02T00:00:00.000Z", value: 110, cash: 10, positions: 100, total_pnl: 10, returns: expect.closeTo(10, 12), period_return: expect.closeTo(10, 12), drawdown: 0 },
      { timestamp: "2024-01-03T00:00:00.000Z", value: 99, cash: 9, positions: 90, total_pnl: -1, returns: expect.closeTo(-1, 12), period_return: expect.closeTo(-10, 12), drawdown: expect.closeTo(10, 12) },
    ]);
  });
});

describe("benchmarkValues", () => {
  it("buys at the last close at or before the first timestamp and forward-fills", () => {
    const bm = series([T0 - DAY, T0, T0 + 2 * DAY], [40, 50, 60]);
    const ts = new Float64Array([T0, T0 + DAY, T0 + 2 * DAY, T0 + 3 * DAY]);
    expect([...benchmarkValues(bm, ts, 1000)!]).toEqual([1000, 1000, 1200, 1200]);
  });

  it("marks points before the benchmark's first bar as missing and skips them in the curve", () => {
    const bm = series([T0 + DAY, T0 + 2 * DAY], [20, 30]);
    const ts = new Float64Array([T0, T0 + DAY, T0 + 2 * DAY]);
    const values = benchmarkValues(bm, ts, 1000)!;
    expect(Number.isNaN(values[0])).toBe(true);
    expect([values[1], values[2]]).toEqual([1000, 1500]);
    expect(buildBenchmarkCurve(values, ts, 1000)).toEqual([
      { timestamp: "2024-01-02T00:00:00.000Z", value: 1000, returns: 0 },
      { timestamp: "2024-01-03T00:00:00.000Z", value: 1500, returns: 50 },
    ]);
  });

  it("is null for an empty series or a non-positive entry price", () => {
    const ts = new Float64Array([T0]);
    expect(benchmarkValues(series([], []), ts, 1000)).toBeNull();
    expect(benchmarkValues(series([T0], [0]), ts, 1000)).toBeNull();
    expect(buildBenchmarkCurve(null, ts, 1000)).toEqual([]);
  });
});

describe("benchmarkBarValues", () => {
  it("keeps only the equity timestamps where the benchmark has a bar; filled and earlier points are NaN", () => {
    // Benchmark bars on days −1, 1, 2, 5; equity points on days 0..5.
    const bm = series([T0 - DAY, T0 + DAY, T0 + 2 * DAY, T0 + 5 * DAY], [40, 50, 60, 30]);
    const ts = new Float64Array([0, 1, 2, 3, 4, 5].map((d) => T0 + d * DAY));
    const display = benchmarkValues(bm, ts, 1000)!;
    expect([...display]).toEqual([1000, 1250, 1500, 1500, 1500, 750]);
    const atBars = benchmarkBarValues(display, bm, ts)!;
    // Day 0 is valued at day −1's close (the entry), not a bar of its own: not shared.
    expect([...atBars].map((v) => (Number.isNaN(v) ? null : v))).toEqual([null, 1250, 1500, null, null, 750]);
  });

  it("passes null through and leaves the display values untouched", () => {
    const bm = series([T0], [10]);
    const ts = new Float64Array([T0, T0 + DAY]);
    expect(benchmarkBarValues(null, bm, ts)).toBeNull();
    const display = benchmarkValues(bm, ts, 100)!;
    const atBars = benchmarkBarValues(display, bm, ts)!;
    expect([...display]).toEqual([100, 100]);
    expect(atBars[0]).toBe(100);
    expect(Number.isNaN(atBars[1])).toBe(true);
  });
});
