/**
 * Benchmark metrics when the strategy and the benchmark trade on different calendars (engine
 * spec §6: "on the timestamps both series share"). A crypto-like strategy symbol trades every
 * day; the benchmark only on weekdays (and, in the second case, with a holiday gap). The
 * benchmark curve is forward-filled for display, but no filled point may enter the metrics.
 */
import { describe, expect, it } from "vitest";
import { createInMemoryProvider } from "../../../src/engine/data/in-memory-provider.ts";
import { normalizeBacktestRequest } from "../../../src/engine/request/normalize-request.ts";
import { runBacktest } from "../../../src/engine/run/stream-backtest.ts";
import type { BarSeries } from "../../../src/engine/types.ts";
import { DAY, T0 } from "../simulation/series-fixtures.ts";

const CTX = { runtime: "node", csvAllowed: true } as const;
const YEAR = 365.25 * DAY;
/** 70 days from Monday 2024-01-01: the last day (index 69) is a Sunday. */
const DAYS = 70;
const isWeekday = (t: number) => new Date(t).getUTCDay() % 6 !== 0;

/** Closes from 100 with daily returns `ret(i)` (so weekend days move too); opens = previous close. */
function path(ret: (i: number) => number): number[] {
  const out = [100];
  for (let i = 1; i < DAYS; i++) out.push(out[i - 1] * (1 + ret(i)));
  return out;
}

function series(symbol: string, closes: number[], keep: (t: number, i: number) => boolean): BarSeries {
  const rows = closes.map((c, i) => ({ t: T0 + i * DAY, c, o: i === 0 ? c : closes[i - 1] })).filter((r, i) => keep(r.t, i));
  const f = (pick: (r: (typeof rows)[number]) => number) => Float64Array.from(rows, pick);
  return {
    symbol, resolution: "day", timestamps: f((r) => r.t), open: f((r) => r.o), close: f((r) => r.c),
    high: f((r) => Math.max(r.o, r.c)), low: f((r) => Math.min(r.o, r.c)), volume: f(() => 1e9),
  };
}

async function run(strategy: BarSeries, benchmark: BarSeries, riskFreeRate = 0) {
  const provider = createInMemoryProvider("dataset", new Map([["AAA-USD", strategy], ["BBB", benchmark]]));
  const request = normalizeBacktestRequest({
    symbols: ["AAA-USD"], benchmark_symbol: "BBB", start_date: "2024-01-01", end_date: "2024-06-01", data_source: "dataset",
    strategy: { name: "buy_and_hold", params: { position_size: 1 } }, execution: { slippage_bps: 0, commission_bps: 0 },
    initial_capital: 100_000, risk_free_rate: riskFreeRate,
  }, CTX);
  return runBacktest({ runId: "calendar", request, provider });
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const cov = (xs: number[], ys: number[]) => {
  const mx = mean(xs);
  const my = mean(ys);
  return xs.reduce((a, x, i) => a + (x - mx) * (ys[i] - my), 0) / (xs.length - 1);
};
const returnsOf = (v: number[]) => v.slice(1).map((x, i) => x / v[i] - 1);

describe("benchmark metrics across calendars", () => {
  it("identical prices, strategy daily and benchmark on weekdays: beta 1, correlation 1, no excess", async () => {
    const closes = path((i) => 0.02 * Math.sin(1.3 * i) + 0.001);
    const r = await run(series("AAA-USD", closes, () => true), series("BBB", closes, isWeekday));
    // 100,000 / 100 = 1000 units bought at the next open (= the decision close): the strategy's
    // value is 1000 × close at every point, the benchmark's 1000 × close at every weekday.
    expect(r.equity_curve.map((p) => p.value)).toEqual(closes.map((c) => expect.closeTo(1000 * c, 6)));
    const m = r.metrics_summary;
    expect(m.beta).toBeCloseTo(1, 10);
    expect(m.correlation).toBeCloseTo(1, 10);
    expect(m.tracking_error).toBeCloseTo(0, 8);
    expect(m.information_ratio).toBeNull();
    expect(m.alpha).toBeCloseTo(0, 8);
    // Both CAGRs run from Monday 2024-01-01 to the last shared point, Friday 2024-03-08 (not the
    // strategy's last point, Sunday 2024-03-10, whose weekend moves the benchmark never saw).
    expect(m.excess_return).toBeCloseTo(0, 8);
  });

  it("shows the benchmark forward-filled on the equity timestamps", async () => {
    const closes = path((i) => 0.02 * Math.sin(1.3 * i) + 0.001);
    const r = await run(series("AAA-USD", closes, () => true), series("BBB", closes, isWeekday));
    expect(r.benchmark_curve.map((p) => p.timestamp)).toEqual(r.equity_curve.map((p) => p.timestamp));
    // Saturday 2024-01-06 and Sunday 2024-01-07 repeat Friday 2024-01-05's value.
    expect(r.benchmark_curve[5].value).toBeCloseTo(1000 * closes[4], 6);
    expect(r.benchmark_curve[6].value).toBe(r.benchmark_curve[4].value);
    expect(r.benchmark_curve[5].value).toBe(r.benchmark_curve[4].value);
  });

  it("different paths and a holiday gap: every figure matches a naive calculation on shared timestamps", async () => {
    const a = path((i) => 0.015 * Math.sin(0.9 * i) + 0.03 * Math.cos(2.1 * i) * 0.3 + 0.0005);
    const b = path((i) => 0.01 * Math.sin(0.9 * i + 0.4) - 0.004 * Math.cos(3.3 * i));
    const holiday = (t: number, i: number) => isWeekday(t) && i !== 15 && i !== 36;
    const r = await run(series("AAA-USD", a, () => true), series("BBB", b, holiday), 0.03);
    // Independent calculation: keep the equity points on benchmark bar days only.
    const shared = r.equity_curve.map((p, i) => ({ i, t: Date.parse(p.timestamp), v: p.value })).filter((p) => holiday(p.t, p.i));
    const sv = shared.map((p) => p.v);
    const bv = shared.map((p) => (100_000 * b[p.i]) / b[0]);
    const rs = returnsOf(sv);
    const rb = returnsOf(bv);
    const active = rs.map((x, i) => x - rb[i]);
    const years = (shared.at(-1)!.t - shared[0].t) / YEAR;
    const ppy = rs.length / years;
    const rf = Math.pow(1.03, 1 / ppy) - 1;
    const beta = cov(rs, rb) / cov(rb, rb);
    const cagr = (v: number[]) => (Math.pow(v.at(-1)! / v[0], 1 / years) - 1) * 100;
    const m = r.metrics_summary;
    expect(shared).toHaveLength(48);
    expect(m.beta).toBeCloseTo(beta, 9);
    expect(m.correlation).toBeCloseTo(cov(rs, rb) / Math.sqrt(cov(rs, rs) * cov(rb, rb)), 9);
    expect(m.alpha).toBeCloseTo((mean(rs) - rf - beta * (mean(rb) - rf)) * ppy * 100, 7);
    expect(m.tracking_error).toBeCloseTo(Math.sqrt(cov(active, active)) * Math.sqrt(ppy) * 100, 7);
    expect(m.information_ratio).toBeCloseTo((mean(active) * ppy) / (Math.sqrt(cov(active, active)) * Math.sqrt(ppy)), 7);
    expect(m.excess_return).toBeCloseTo(cagr(sv) - cagr(bv), 7);
  });
});
