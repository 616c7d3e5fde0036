/**
 * Return/risk ratios over period returns (fractions): volatility, Sharpe and Sortino.
 * All annualise with the curve's observed `periods_per_year`.
 */
import type { NumericSeries } from "./stats.ts";
import { finiteOrNull, mean, sampleStd } from "./stats.ts";

/**
 * Risk-free return per period as a fraction, compounding-consistent with the annual rate:
 * `(1 + annualRate)^(1 / periodsPerYear) − 1`.
 * `null` when `periodsPerYear` is null or not positive, or the result is not finite
 * (e.g. `annualRate ≤ −1`).
 */
export function riskFreePerPeriod(annualRate: number, periodsPerYear: number | null): number | null {
  if (periodsPerYear === null || !(periodsPerYear > 0)) return null;
  return finiteOrNull(Math.pow(1 + annualRate, 1 / periodsPerYear) - 1);
}

/**
 * Annualised volatility in percent: sample standard deviation (divisor n − 1) of the period
 * returns × √periodsPerYear × 100. `null` with fewer than 2 returns or no `periodsPerYear`.
 * Constant returns give 0 (not null: zero dispersion is a valid volatility).
 */
export function volatilityPct(returns: NumericSeries, periodsPerYear: number | null): number | null {
  const sd = sampleStd(returns);
  if (sd === null || periodsPerYear === null) return null;
  return finiteOrNull(sd * Math.sqrt(periodsPerYear) * 100);
}

/**
 * Annualised Sharpe ratio (dimensionless): `(mean(r) − rf_p) / std(r) × √periodsPerYear` with
 * the sample std of the period returns and `rf_p` from {@link riskFreePerPeriod}.
 * `null` with fewer than 2 returns, without `periodsPerYear`/`rf_p`, or when the std is 0.
 */
export function sharpeRatio(
  returns: NumericSeries,
  annualRiskFree: number,
  periodsPerYear: number | null,
): number | null {
  const m = mean(returns);
  const sd = sampleStd(returns);
  const rf = riskFreePerPeriod(annualRiskFree, periodsPerYear);
  if (m === null || sd === null || rf === null || periodsPerYear === null || sd === 0) return null;
  return finiteOrNull(((m - rf) / sd) * Math.sqrt(periodsPerYear));
}

/**
 * Downside deviation per period (fraction): root-mean-square of `min(0, r − rf_p)` over **all**
 * periods (divisor n, the full count, not just the losing periods). `null` for no returns.
 */
export function downsideDeviation(returns: NumericSeries, rfPerPeriod: number): number | null {
  const n = returns.length;
  if (n === 0) return null;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const d = returns[i] - rfPerPeriod;
    if (d < 0) sum += d * d;
  }
  return Math.sqrt(sum / n);
}

/**
 * Annualised Sortino ratio (dimensionless): `(mean(r) − rf_p) / downsideDeviation × √ppy`.
 * `null` with fewer than 2 returns (same minimum as Sharpe), without `periodsPerYear`/`rf_p`,
 * or when no period falls below `rf_p` (downside deviation 0).
 */
export function sortinoRatio(
  returns: NumericSeries,
  annualRiskFree: number,
  periodsPerYear: number | null,
): number | null {
  const rf = riskFreePerPeriod(annualRiskFree, periodsPerYear);
  const m = mean(returns);
  if (returns.length < 2 || m === null || rf === null || periodsPerYear === null) return null;
  const dd = downsideDeviation(returns, rf);
  if (dd === null || dd === 0) return null;
  return finiteOrNull(((m - rf) / dd) * Math.sqrt(periodsPerYear));
}
