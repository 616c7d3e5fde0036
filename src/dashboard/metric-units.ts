/** Units of the `metrics_summary` keys (engine spec §5), for the metrics table. */

const PERCENT = ["total_return", "annualized_return", "volatility", "max_drawdown", "win_rate", "exposure_time_pct", "alpha", "tracking_error", "average_turnover_pct"];
const MONEY = ["initial_capital", "final_value", "average_win", "average_loss", "largest_win", "largest_loss", "total_commissions", "total_slippage_cost"];
const UNITS: Record<string, string> = {
  excess_return: "pp",
  max_drawdown_duration_days: "days",
  var_95: "fraction / period",
  cvar_95: "fraction / period",
  turnover: "× mean equity",
  periods_per_year: "periods / year",
};

/** The unit of metric `key` (`currency` for money), or "" for ratios and counts. */
export function metricUnit(key: string, currency: string): string {
  if (PERCENT.includes(key)) return "%";
  if (MONEY.includes(key)) return currency;
  return UNITS[key] ?? "";
}

/** Decimals to show for metric `key`. */
export function metricDigits(key: string): number {
  if (/count|trades|round_trips|issues|timestamps|intervals|ohlc|negative_/.test(key)) return 0;
  if (key === "var_95" || key === "cvar_95") return 4;
  return 2;
}
