/**
 * `computeMetrics`: the engine-computed part of a run's `metrics_summary`.
 */
import type { MetricsInput, MetricsSummary } from "./summary-types.ts";
import type { MetricsFill } from "./trades.ts";
import { benchmarkStats, EMPTY_BENCHMARK_STATS } from "./benchmark.ts";
import { historicalTailRisk, sampleExcessKurtosis, sampleSkewness } from "./distribution.ts";
import { drawdownStats } from "./drawdown.ts";
import { allFinite, cagrPct, elapsedYears, periodReturns, periodsPerYear } from "./returns.ts";
import { sharpeRatio, sortinoRatio, volatilityPct } from "./risk.ts";
import { finiteOrNull, mean } from "./stats.ts";
import { tradeStats } from "./trades.ts";

/**
 * Computes every summary metric of an equity curve, its fills and an optional benchmark.
 * Deterministic: the same input gives bit-identical output. Each field's unit, definition and
 * `null` cases are documented on {@link MetricsSummary}. When a period return is not finite
 * (a previous equity value of 0), every return-based statistic (volatility, Sharpe, Sortino,
 * VaR, CVaR, skewness, kurtosis) is `null`.
 *
 * Throws RangeError on a broken contract: `initialCapital` not finite or ≤ 0; `timestamps` and
 * `values` (or a given `benchmarkValues`) of different lengths; a non-finite timestamp or value;
 * timestamps decreasing; `exposureFraction` outside [0, 1]; `riskFreeRate` not finite;
 * a fill with a non-finite number.
 */
export function computeMetrics(input: MetricsInput): MetricsSummary {
  validate(input);
  const { initialCapital, timestamps, values } = input;
  const n = values.length;
  const finalValue = n > 0 ? values[n - 1] : initialCapital;
  const annualized = cagrPct(initialCapital, finalValue, elapsedYears(timestamps));
  const dd = drawdownStats(timestamps, values, initialCapital);
  return {
    initial_capital: initialCapital,
    final_value: finalValue,
    total_return: n > 0 ? finiteOrNull((finalValue / initialCapital - 1) * 100) : null,
    annualized_return: annualized,
    ...returnStatistics(input),
    calmar_ratio:
      annualized !== null && dd.maxDrawdownPct > 0 ? finiteOrNull(annualized / dd.maxDrawdownPct) : null,
    max_drawdown: dd.maxDrawdownPct,
    max_drawdown_duration_days: dd.maxDurationDays,
    ...tradeMetrics(input),
    exposure_time_pct: input.exposureFraction * 100,
    periods_per_year: periodsPerYear(timestamps),
    ...benchmarkMetrics(input),
  };
}

type ReturnStatistics = Pick<
  MetricsSummary,
  "volatility" | "sharpe_ratio" | "sortino_ratio" | "var_95" | "cvar_95" | "skewness" | "kurtosis"
>;

function returnStatistics({ timestamps, values, riskFreeRate }: MetricsInput): ReturnStatistics {
  const returns = periodReturns(values);
  const ppy = periodsPerYear(timestamps);
  if (!allFinite(returns)) {
    return { volatility: null, sharpe_ratio: null, sortino_ratio: null, var_95: null, cvar_95: null, skewness: null, kurtosis: null };
  }
  const tail = historicalTailRisk(returns);
  return {
    volatility: volatilityPct(returns, ppy),
    sharpe_ratio: sharpeRatio(returns, riskFreeRate, ppy),
    sortino_ratio: sortinoRatio(returns, riskFreeRate, ppy),
    var_95: tail.var,
    cvar_95: tail.cvar,
    skewness: sampleSkewness(returns),
    kurtosis: sampleExcessKurtosis(returns),
  };
}

type TradeMetrics = Pick<
  MetricsSummary,
  | "total_trades" | "round_trips" | "win_rate" | "profit_factor" | "average_win" | "average_loss"
  | "largest_win" | "largest_loss" | "total_commissions" | "total_slippage_cost" | "turnover"
>;

function tradeMetrics({ fills, values }: MetricsInput): TradeMetrics {
  const t = tradeStats(fills);
  const avgEquity = mean(values);
  return {
    total_trades: t.totalTrades,
    round_trips: t.roundTrips,
    win_rate: t.winRatePct,
    profit_factor: t.profitFactor,
    average_win: t.averageWin,
    average_loss: t.averageLoss,
    largest_win: t.largestWin,
    largest_loss: t.largestLoss,
    total_commissions: t.totalCommissions,
    total_slippage_cost: t.totalSlippageCost,
    turnover: avgEquity !== null && avgEquity > 0 ? finiteOrNull(t.tradedNotional / avgEquity) : null,
  };
}

type BenchmarkMetrics = Pick<
  MetricsSummary,
  "beta" | "alpha" | "tracking_error" | "information_ratio" | "excess_return" | "correlation"
>;

function benchmarkMetrics(input: MetricsInput): BenchmarkMetrics {
  const b = input.benchmarkValues
    ? benchmarkStats(input.timestamps, input.values, input.benchmarkValues, input.riskFreeRate)
    : EMPTY_BENCHMARK_STATS;
  return {
    beta: b.beta,
    alpha: b.alphaPct,
    tracking_error: b.trackingErrorPct,
    information_ratio: b.informationRatio,
    excess_return: b.excessReturnPct,
    correlation: b.correlation,
  };
}

function validate(input: MetricsInput): void {
  const { initialCapital, timestamps, values, benchmarkValues } = input;
  const fail = (msg: string): never => {
    throw new RangeError(`computeMetrics: ${msg}`);
  };
  if (!Number.isFinite(initialCapital) || initialCapital <= 0) fail("initialCapital must be finite and > 0");
  if (timestamps.length !== values.length) fail("timestamps and values differ in length");
  if (benchmarkValues && benchmarkValues.length !== values.length) fail("benchmarkValues length differs");
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i]) || !Number.isFinite(timestamps[i])) fail(`non-finite point at ${i}`);
    if (i > 0 && timestamps[i] < timestamps[i - 1]) fail(`timestamps decrease at ${i}`);
  }
  const x = input.exposureFraction;
  if (!(x >= 0 && x <= 1)) fail("exposureFraction must be within [0, 1]");
  if (!Number.isFinite(input.riskFreeRate)) fail("riskFreeRate must be finite");
  input.fills.forEach((f, i) => {
    if (!fillIsFinite(f)) fail(`fill ${i} has a non-finite number`);
  });
}

function fillIsFinite(f: MetricsFill): boolean {
  return (
    Number.isFinite(f.commission) &&
    Number.isFinite(f.slippage_cost) &&
    Number.isFinite(f.shares) &&
    Number.isFinite(f.price) &&
    (f.realized_pnl === null || Number.isFinite(f.realized_pnl))
  );
}
