import { describe, expect, it } from "vitest";
import { buildResult } from "../../../src/engine/report/build-result.ts";
import { normalizeBacktestRequest } from "../../../src/engine/request/normalize-request.ts";
import type { SimulationOutput } from "../../../src/engine/simulation-types.ts";
import type { BarSeries, DataQualitySummary } from "../../../src/engine/types.ts";
import { ENGINE_VERSION } from "../../../src/engine/version.ts";

const CTX = { runtime: "node", csvAllowed: true } as const;
const T1 = Date.UTC(2024, 0, 30);
const T2 = Date.UTC(2024, 0, 31, 23, 30);
const T3 = Date.UTC(2024, 1, 1, 23, 30);

function series(symbol: string, ts: number[], close: number[]): BarSeries {
  const f = (xs: number[]) => new Float64Array(xs);
  return { symbol, resolution: "day", timestamps: f(ts), open: f(close), high: f(close), low: f(close), close: f(close), volume: f(close.map(() => 1000)) };
}

function quality(symbol: string, extra: Partial<DataQualitySummary> = {}): DataQualitySummary {
  return {
    symbol, rows_seen: 3, bars: 3, duplicate_timestamps: 0, missing_intervals: 0, inconsistent_ohlc: 0,
    negative_prices: 0, negative_volume: 0, sample_data: false, issues: [], has_critical_issues: false, ...extra,
  };
}

function output(): SimulationOutput {
  const a = series("AAA", [T1, T2, T3], [10, 12, 11]);
  const b = series("BBB", [T1, T2, T3], [20, 18, 19]);
  const fill = (timestamp: number, symbol: string, action: "BUY" | "SELL", shares: number, price: number, realized: number | null, id: number) =>
    ({ timestamp, symbol, action, shares, price, commission: 1, slippage_cost: 0.5, realized_pnl: realized, closesPosition: realized !== null, strategy_id: "test", order_id: id });
  return {
    strategy_id: "buy_and_hold", effective_params: { position_size: 0.95 },
    execution: { slippage_bps: 5, commission_bps: 5, commission_per_share: 0.001, minimum_commission: 1, latency_ms: 0, max_volume_participation: 0.25 },
    equity: [
      { timestamp: T1, value: 1000, cash: 1000, positions: 0 },
      { timestamp: T2, value: 1100, cash: 500, positions: 600 },
      { timestamp: T3, value: 1045, cash: 600, positions: 445 },
    ],
    fills: [fill(T2, "AAA", "BUY", 50, 10, null, 1), fill(T2, "BBB", "BUY", 10, 20, null, 2), fill(T3, "BBB", "SELL", 10, 18, -21, 3)],
    order_events: [], exposures: [], option_trades: [], option_events: [], portfolio_diagnostics: [], constraint_hits: [],
    logs: [{ timestamp: T3, level: "warn", message: "hello" }],
    final_cash: 600,
    final_positions: { AAA: { shares: 50, average_cost: 10, market_price: 11, market_value: 550, unrealized_pnl: 50 } },
    bars_processed: 6, series: [a, b],
    quality: [quality("AAA", { missing_intervals: 2, issues: ["2 missing"] }), quality("BBB", { duplicate_timestamps: 1, issues: ["1 duplicate"], has_critical_issues: true })],
  };
}

const req = (extra: Record<string, unknown> = {}) =>
  normalizeBacktestRequest({ symbols: ["AAA", "BBB"], start_date: "2024-01-30", end_date: "2024-02-02", initial_capital: 1000, ...extra }, CTX);

describe("buildResult", () => {
  it("renders curves, trades and final state with ISO timestamps", () => {
    const r = buildResult({ runId: "x", request: req(), output: output(), source: "csv" });
    expect(r.equity_curve.map((p) => [p.timestamp, p.total_pnl, p.period_return === null])).toEqual([
      ["2024-01-30T00:00:00.000Z", 0, true], ["2024-01-31T23:30:00.000Z", 100, false], ["2024-02-01T23:30:00.000Z", 45, false],
    ]);
    expect(r.trades[2]).toEqual({ timestamp: "2024-02-01T23:30:00.000Z", symbol: "BBB", action: "SELL", shares: 10, price: 18, commission: 1, slippage_cost: 0.5, realized_pnl: -21, strategy_id: "test", order_id: 3 });
    expect(r.logs).toEqual([{ timestamp: "2024-02-01T23:30:00.000Z", level: "warn", message: "hello" }]);
    expect([r.final_cash, r.currency, r.benchmark_symbol, r.benchmark_curve, r.portfolio_construction]).toEqual([600, "USD", null, [], null]);
  });

  it("adds data-quality counts and nulls portfolio metrics without portfolio construction", () => {
    const m = buildResult({ runId: "x", request: req(), output: output(), source: "csv" }).metrics_summary;
    expect([m.data_quality_issues, m.duplicate_timestamps, m.missing_intervals, m.sample_data]).toEqual([2, 1, 2, false]);
    expect([m.rebalance_count, m.average_turnover_pct, m.constraint_hit_count]).toEqual([null, null, null]);
    expect([m.total_trades, m.total_commissions, m.final_value]).toEqual([3, 3, 1045]);
    expect(m.total_return).toBeCloseTo(4.5, 10);
    expect(m.beta).toBeNull();
  });

  it("builds the tearsheet: contributors, detractors, costs and monthly returns in the request time zone", () => {
    const t = buildResult({ runId: "x", request: req(), output: output(), source: "csv" }).tearsheet;
    expect(t.top_contributors).toEqual([{ symbol: "AAA", realized_pnl: 0, unrealized_pnl: 50, total_pnl: 50 }]);
    expect(t.top_detractors).toEqual([{ symbol: "BBB", realized_pnl: -21, unrealized_pnl: 0, total_pnl: -21 }]);
    expect(t.costs).toEqual({ total_commissions: 3, total_slippage_cost: 1.5, cost_pct_of_initial_capital: expect.closeTo(0.45, 12) });
    expect(t.portfolio).toMatchObject({ final_cash: 600, final_positions_value: 550, open_positions: 1 });
    expect(t.monthly_returns.map((x) => x.month)).toEqual(["2024-01", "2024-02"]);
    expect(t.monthly_returns[0].return_pct).toBeCloseTo(10, 10);
    expect(t.monthly_returns[1].return_pct).toBeCloseTo(-5, 10);
    // 23:30 UTC on Jan 31 is already Feb 1 in Tokyo: January ends with the first point.
    const tokyo = buildResult({ runId: "x", request: req({ timezone: "Asia/Tokyo" }), output: output(), source: "csv" }).tearsheet;
    expect(tokyo.monthly_returns.map((x) => [x.month, x.return_pct])).toEqual([["2024-01", 0], ["2024-02", expect.closeTo(4.5, 10)]]);
  });

  it("writes a manifest whose replay_request is the request", () => {
    const request = req();
    const r = buildResult({ runId: "x", request, output: output(), source: "csv" });
    expect(r.manifest).toMatchObject({
      manifest_version: "1.0", engine: { name: "glowback-engine", version: ENGINE_VERSION },
      strategy: { id: "buy_and_hold", name: "buy_and_hold", parameters: { position_size: 0.95 } },
      dataset: { source: "csv", resolution: "day", start: "2024-01-30T00:00:00.000Z", end: "2024-02-02T00:00:00.000Z", symbols: ["AAA", "BBB"], bar_counts: { AAA: 3, BBB: 3 } },
    });
    expect(r.manifest.replay_request).toEqual(request);
    expect(r.manifest.metric_snapshot).toEqual(r.metrics_summary);
    expect(r.manifest.dataset.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });

  it("hashes content without run_id, and any content change changes the hash", () => {
    const a = buildResult({ runId: "one", request: req(), output: output(), source: "csv" });
    const b = buildResult({ runId: "two", request: req(), output: output(), source: "csv" });
    expect(a.content_hash).toBe(b.content_hash);
    const changed = output();
    changed.final_cash = 601;
    expect(buildResult({ runId: "one", request: req(), output: changed, source: "csv" }).content_hash).not.toBe(a.content_hash);
    const otherBars = output();
    otherBars.series[0].close[2] = 11.5;
    expect(buildResult({ runId: "one", request: req(), output: otherBars, source: "csv" }).manifest.dataset.fingerprint).not.toBe(a.manifest.dataset.fingerprint);
  });

  it("adds a benchmark curve and benchmark metrics", () => {
    const bench = { series: series("SPY", [T1, T2, T3], [100, 105, 110]), quality: quality("SPY") };
    const r = buildResult({ runId: "x", request: req({ benchmark_symbol: "spy" }), output: output(), source: "csv", benchmark: bench });
    expect(r.benchmark_curve.map((p) => p.value)).toEqual([1000, 1050, 1100]);
    expect(r.metrics_summary.correlation).not.toBeNull();
    expect(r.tearsheet.benchmark).toMatchObject({ symbol: "SPY", total_return: expect.closeTo(10, 10) });
    expect(r.manifest.dataset.bar_counts).toEqual({ AAA: 3, BBB: 3, SPY: 3 });
    expect(r.manifest.dataset.validation.map((q) => q.symbol)).toEqual(["AAA", "BBB", "SPY"]);
  });
});
