/**
 * Input and output contracts of `computeMetrics` (engine spec §5 `metrics_summary`, §6).
 * Every `number | null` field is `null` exactly in the cases its comment lists — never NaN,
 * Infinity or a sentinel. "Returns" below means the `points − 1` period returns as fractions.
 */
import type { MetricsFill } from "./trades.ts";
import type { NumericSeries } from "./stats.ts";

/** Everything the summary metrics are computed from. */
export interface MetricsInput {
  /** Starting cash, account currency; must be finite and > 0. */
  initialCapital: number;
  /** Equity curve on the master timeline: UTC epoch ms (non-decreasing) and total value. */
  timestamps: NumericSeries;
  values: NumericSeries;
  /**
   * Fills, in order; closing (reducing) fills carry realized_pnl (others null), and those that
   * leave the position flat or flip it carry `closesPosition: true`.
   */
  fills: readonly MetricsFill[];
  /** Annual risk-free rate as a fraction (0.02 = 2 %). */
  riskFreeRate: number;
  /** Fraction of equity points (0..1) at which any position was held, computed by the caller. */
  exposureFraction: number;
  /**
   * Optional benchmark values, one per equity point, account currency: finite exactly at the
   * timestamps where the benchmark has a bar of that timestamp, NaN elsewhere (before its first
   * bar, and wherever its calendar has no bar — never a value carried forward). The finite
   * points are the "shared timestamps" every benchmark metric below is computed on.
   */
  benchmarkValues?: NumericSeries | null;
}

/** The `metrics_summary` of a run (engine-computed keys; the report layer adds the rest). */
export interface MetricsSummary {
  /** Starting cash, account currency. */
  initial_capital: number;
  /** Last equity value, account currency; `initial_capital` for an empty curve. */
  final_value: number;
  /** `(final_value / initial_capital − 1) × 100`, percent; null for an empty curve. */
  total_return: number | null;
  /**
   * CAGR in percent: `((final_value / initial_capital)^(1/years) − 1) × 100`, years = elapsed
   * time of the curve in 365.25-day years. Null with < 2 points, zero elapsed time, a negative
   * final value, or overflow. A final value of 0 gives −100.
   */
  annualized_return: number | null;
  /** Sample std of returns × √periods_per_year × 100, percent. Null with < 2 returns or no ppy. */
  volatility: number | null;
  /**
   * `(mean(r) − rf_p) / std(r) × √ppy`, sample std, `rf_p = (1 + rf)^(1/ppy) − 1`.
   * Null with < 2 returns, no ppy, or zero std.
   */
  sharpe_ratio: number | null;
  /**
   * `(mean(r) − rf_p) / DD × √ppy` with DD = √(mean over all returns of min(0, r − rf_p)²).
   * Null with < 2 returns, no ppy, or DD = 0 (no return below rf_p).
   */
  sortino_ratio: number | null;
  /** `annualized_return / max_drawdown` (both percent). Null when either is null or max_drawdown is 0. */
  calmar_ratio: number | null;
  /** Deepest fall below the running peak (peak starts at initial_capital), positive percent; 0 if none. */
  max_drawdown: number;
  /**
   * Longest span, in calendar days (fractional for intraday), from a peak until the value is
   * back at or above it — or until the last point if it never is. 0 when there is no drawdown.
   */
  max_drawdown_duration_days: number;
  /**
   * Historical 95 % VaR per period as a positive loss fraction: minus the k-th worst return,
   * k = ⌈0.05 × returns⌉ (≥ 1). Negative if even the tail is a gain. Null with no returns.
   */
  var_95: number | null;
  /** Historical 95 % CVaR: minus the mean of the k worst returns (≥ var_95). Null with no returns. */
  cvar_95: number | null;
  /** Sample skewness G1 of returns. Null with < 3 returns or zero variance. */
  skewness: number | null;
  /** Sample excess kurtosis G2 of returns. Null with < 4 returns or zero variance. */
  kurtosis: number | null;
  /** Number of fills. */
  total_trades: number;
  /**
   * Completed round trips: the number of fills with `closesPosition: true`, i.e. fills after
   * which the symbol's position is exactly 0 or has changed sign (a flip closes one trip and
   * opens the next). A partial trim reduces a position (it has a realized_pnl and counts in
   * win_rate / profit_factor) but is not a round trip. A position still open at the end is not
   * counted. 0 without fills.
   */
  round_trips: number;
  /** % of closing fills with realized_pnl > 0. Null with no closing fills. */
  win_rate: number | null;
  /** Σ positive realized_pnl / |Σ negative realized_pnl|. Null with no losing closing fill. */
  profit_factor: number | null;
  /** Mean positive realized_pnl, account currency. Null with no winning fill. */
  average_win: number | null;
  /** Mean negative realized_pnl, account currency, reported negative. Null with no losing fill. */
  average_loss: number | null;
  /** Largest positive realized_pnl, account currency. Null with no winning fill. */
  largest_win: number | null;
  /** Most negative realized_pnl, account currency (negative). Null with no losing fill. */
  largest_loss: number | null;
  /** Σ commission over all fills, account currency. */
  total_commissions: number;
  /** Σ slippage_cost over all fills, account currency. */
  total_slippage_cost: number;
  /** exposureFraction × 100, percent of equity points with any position held. */
  exposure_time_pct: number;
  /** Σ |shares × price| / mean equity value (a multiple). Null for an empty curve or mean equity ≤ 0. */
  turnover: number | null;
  /** (points − 1) / elapsed years (365.25-day years). Null with < 2 points or zero elapsed time. */
  periods_per_year: number | null;
  /*
   * Benchmark metrics (engine spec §6) use only the shared timestamps: equity points where the
   * benchmark has a bar of exactly that timestamp (see `benchmarkValues`). With n shared points,
   * rs and rb are the n − 1 returns (fractions) between consecutive shared points — the
   * strategy's compounds over any strategy-only points in between — and ppy_b = (n − 1) /
   * elapsed years of the shared points; rf_p is the per-period risk-free rate for ppy_b. All
   * are null without a benchmark, and every return-based one is null when a shared value of 0
   * makes a return non-finite.
   */
  /** Sample cov(rs, rb) / var(rb) (a ratio). Null with < 3 shared points (< 2 return pairs) or var(rb) = 0. */
  beta: number | null;
  /**
   * Jensen's alpha, percent per year: `(mean(rs) − rf_p − beta (mean(rb) − rf_p)) × ppy_b × 100`
   * (arithmetic annualisation). Null when beta is null (or rf_p is undefined, risk-free rate ≤ −100 %).
   */
  alpha: number | null;
  /** Tracking error: sample std(rs − rb) × √ppy_b × 100, percent. Null with < 3 shared points. */
  tracking_error: number | null;
  /** mean(active) × ppy_b / (std(active) × √ppy_b). Null with < 3 shared points or zero std(active). */
  information_ratio: number | null;
  /**
   * Strategy CAGR minus benchmark CAGR, both from the first to the last shared point over the
   * same elapsed time, percentage points. Equals `annualized_return` − benchmark CAGR when the
   * shared points span the whole curve (the strategy's value at its first point is
   * initial_capital). Null with < 2 shared points, zero elapsed time, or either CAGR null.
   */
  excess_return: number | null;
  /** Pearson correlation of rs and rb in [−1, 1]. Null with < 3 shared points or a zero variance. */
  correlation: number | null;
}
