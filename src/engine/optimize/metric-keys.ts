/** The numeric keys of a backtest's `metrics_summary`: what an optimisation may optimise. */
import type { BacktestMetrics } from "../report/result-types.ts";

type NumericKey = { [K in keyof BacktestMetrics]: BacktestMetrics[K] extends number | null ? K : never }[keyof BacktestMetrics];

/** Every numeric `metrics_summary` key, in report order. */
export const NUMERIC_METRIC_KEYS: readonly NumericKey[] = [
  "initial_capital", "final_value", "total_return", "annualized_return", "volatility", "sharpe_ratio",
  "sortino_ratio", "calmar_ratio", "max_drawdown", "max_drawdown_duration_days", "var_95", "cvar_95",
  "skewness", "kurtosis", "total_trades", "round_trips", "win_rate", "profit_factor", "average_win",
  "average_loss", "largest_win", "largest_loss", "total_commissions", "total_slippage_cost",
  "exposure_time_pct", "turnover", "periods_per_year", "beta", "alpha", "tracking_error",
  "information_ratio", "excess_return", "correlation", "rebalance_count", "average_turnover_pct",
  "constraint_hit_count", "data_quality_issues", "duplicate_timestamps", "missing_intervals",
  "inconsistent_ohlc", "negative_prices", "negative_volume",
];

/** Metrics reported per window (`train_`, `validation_`, `gap_`) besides the objective metric. */
export const WINDOW_METRIC_KEYS: readonly NumericKey[] = [
  "total_return", "annualized_return", "sharpe_ratio", "sortino_ratio", "max_drawdown", "volatility", "total_trades", "win_rate",
];

/** True when `key` names a numeric `metrics_summary` key. */
export function isNumericMetricKey(key: string): key is NumericKey {
  return (NUMERIC_METRIC_KEYS as readonly string[]).includes(key);
}
