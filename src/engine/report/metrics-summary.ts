/** `metrics_summary`: `computeMetrics` plus data-quality counts and portfolio metrics. */
import { computeMetrics } from "../metrics/summary.ts";
import type { MetricsSummary } from "../metrics/summary-types.ts";
import type { SimulationOutput } from "../simulation-types.ts";
import type { DataQualitySummary } from "../types.ts";
import type { BacktestMetrics } from "./result-types.ts";

/**
 * Fraction (0..1) of the run's exposure samples with any long or short position; falls back to
 * the equity curve's `positions ≠ 0` when the simulation reported no exposure samples. 0 for
 * an empty run.
 */
export function exposureFraction(output: SimulationOutput): number {
  const samples = output.exposures;
  if (samples.length > 0) {
    let held = 0;
    for (const s of samples) if (s.long_value !== 0 || s.short_value !== 0) held++;
    return held / samples.length;
  }
  if (output.equity.length === 0) return 0;
  let held = 0;
  for (const s of output.equity) if (s.positions !== 0) held++;
  return held / output.equity.length;
}

/** Inputs of {@link buildMetricsSummary}. */
export interface MetricsSummaryArgs {
  output: SimulationOutput;
  initialCapital: number;
  riskFreeRate: number;
  timestamps: Float64Array;
  values: Float64Array;
  /**
   * Benchmark buy-and-hold values on `timestamps`, finite only where the benchmark has a bar of
   * that exact timestamp (NaN elsewhere; see `benchmarkBarValues`), or null without a benchmark.
   */
  benchmark: Float64Array | null;
  /** Validation summaries of every loaded series (benchmark included). */
  quality: readonly DataQualitySummary[];
  /** Whether the run used portfolio construction (target weights). */
  portfolio: boolean;
}

/** Computes the full `metrics_summary` of a run. */
export function buildMetricsSummary(args: MetricsSummaryArgs): BacktestMetrics {
  const m = computeMetrics({
    initialCapital: args.initialCapital, timestamps: args.timestamps, values: args.values,
    fills: args.output.fills, riskFreeRate: args.riskFreeRate,
    exposureFraction: exposureFraction(args.output), benchmarkValues: args.benchmark,
  });
  return { ...performanceMetrics(m), ...portfolioMetrics(args), ...qualityCounts(args.quality) };
}

function performanceMetrics(m: MetricsSummary): Omit<BacktestMetrics, keyof ReturnType<typeof portfolioMetrics> | keyof ReturnType<typeof qualityCounts>> {
  return {
    initial_capital: m.initial_capital, final_value: m.final_value, total_return: m.total_return,
    annualized_return: m.annualized_return, volatility: m.volatility, sharpe_ratio: m.sharpe_ratio,
    sortino_ratio: m.sortino_ratio, calmar_ratio: m.calmar_ratio, max_drawdown: m.max_drawdown,
    max_drawdown_duration_days: m.max_drawdown_duration_days, var_95: m.var_95, cvar_95: m.cvar_95,
    skewness: m.skewness, kurtosis: m.kurtosis, total_trades: m.total_trades, round_trips: m.round_trips,
    win_rate: m.win_rate, profit_factor: m.profit_factor, average_win: m.average_win,
    average_loss: m.average_loss, largest_win: m.largest_win, largest_loss: m.largest_loss,
    total_commissions: m.total_commissions, total_slippage_cost: m.total_slippage_cost,
    exposure_time_pct: m.exposure_time_pct, turnover: m.turnover, periods_per_year: m.periods_per_year,
    beta: m.beta, alpha: m.alpha, tracking_error: m.tracking_error, information_ratio: m.information_ratio,
    excess_return: m.excess_return, correlation: m.correlation,
  };
}

function portfolioMetrics(args: MetricsSummaryArgs) {
  if (!args.portfolio) return { rebalance_count: null, average_turnover_pct: null, constraint_hit_count: null };
  const rebalances = args.output.portfolio_diagnostics.filter((r) => r.rebalanced);
  const turnover = rebalances.reduce((sum, r) => sum + r.turnover_pct, 0);
  return {
    rebalance_count: rebalances.length,
    average_turnover_pct: rebalances.length > 0 ? turnover / rebalances.length : null,
    constraint_hit_count: args.output.constraint_hits.length,
  };
}

function qualityCounts(quality: readonly DataQualitySummary[]) {
  const sum = (pick: (q: DataQualitySummary) => number) => quality.reduce((acc, q) => acc + pick(q), 0);
  return {
    data_quality_issues: sum((q) => q.issues.length),
    duplicate_timestamps: sum((q) => q.duplicate_timestamps),
    missing_intervals: sum((q) => q.missing_intervals),
    inconsistent_ohlc: sum((q) => q.inconsistent_ohlc),
    negative_prices: sum((q) => q.negative_prices),
    negative_volume: sum((q) => q.negative_volume),
    sample_data: quality.some((q) => q.sample_data),
  };
}
