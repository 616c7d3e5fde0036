/**
 * Performance metrics of a backtest (engine spec §5, §6): the summary entry point, the
 * per-point series the report needs, and the building blocks they are made of.
 */
export type { MetricsInput, MetricsSummary } from "./summary-types.ts";
export type { MetricsFill, TradeStats } from "./trades.ts";
export type { MonthlyReturn } from "./monthly.ts";
export type { DrawdownStats } from "./drawdown.ts";
export type { TailRisk } from "./distribution.ts";
export type { BenchmarkStats } from "./benchmark.ts";
export type { NumericSeries } from "./stats.ts";
export { computeMetrics } from "./summary.ts";
export { monthlyReturns } from "./monthly.ts";
export { drawdownPct, drawdownStats } from "./drawdown.ts";
export {
  MS_PER_DAY,
  MS_PER_YEAR,
  cagrPct,
  cumulativeReturnsPct,
  elapsedYears,
  periodReturns,
  periodReturnsPct,
  periodsPerYear,
} from "./returns.ts";
export { downsideDeviation, riskFreePerPeriod, sharpeRatio, sortinoRatio, volatilityPct } from "./risk.ts";
export { historicalTailRisk, sampleExcessKurtosis, sampleSkewness } from "./distribution.ts";
export { tradeStats } from "./trades.ts";
export { benchmarkStats } from "./benchmark.ts";
export { compensatedSum, finiteOrNull, mean, sampleCovariance, sampleStd, sampleVariance } from "./stats.ts";
