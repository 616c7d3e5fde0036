/**
 * Shape of the period-return distribution: historical VaR/CVaR and the bias-adjusted sample
 * skewness (G1) and excess kurtosis (G2).
 */
import type { NumericSeries } from "./stats.ts";
import { centralSums, compensatedSum, finiteOrNull, mean } from "./stats.ts";

/** Historical value at risk and expected shortfall at one confidence level. */
export interface TailRisk {
  /** Loss threshold per period as a positive fraction (0.05 = a 5 % loss); `null` without returns. */
  var: number | null;
  /** Mean loss in the tail per period as a positive fraction; `null` without returns. */
  cvar: number | null;
}

/**
 * Historical VaR and CVaR (expected shortfall) of period returns (fractions), reported as
 * **positive loss fractions**: with the `m` returns sorted ascending and `k = ⌈(1 − level) × m⌉`
 * (at least 1) tail observations, `var = −r₍ₖ₎` (the k-th worst return) and
 * `cvar = −mean(r₍₁₎ … r₍ₖ₎)`, so `cvar ≥ var` always. A tail made of gains gives negative
 * values. Both `null` when there are no returns. `level` defaults to 0.95.
 */
export function historicalTailRisk(returns: NumericSeries, level = 0.95): TailRisk {
  const m = returns.length;
  if (m === 0) return { var: null, cvar: null };
  const sorted = Float64Array.from(returns).sort();
  // The small epsilon keeps e.g. 0.05 × 20 = 1.0000000000000002 from rounding up to 2.
  const k = Math.max(1, Math.ceil((1 - level) * m - 1e-9));
  const tailSum = compensatedSum(sorted, 0, k);
  return { var: finiteOrNull(-sorted[k - 1]), cvar: finiteOrNull(-tailSum / k) };
}

/**
 * Sample skewness G1 (adjusted Fisher–Pearson, as Excel `SKEW`):
 * `g1 = m3 / m2^1.5`, `G1 = g1 × √(n(n−1)) / (n − 2)`, with `m_k` the biased central moments.
 * `null` with fewer than 3 values or when all values are equal (zero variance).
 */
export function sampleSkewness(xs: NumericSeries): number | null {
  const n = xs.length;
  const mu = mean(xs);
  if (n < 3 || mu === null) return null;
  const { s2, s3 } = centralSums(xs, mu);
  const m2 = s2 / n;
  if (!(m2 > 0)) return null;
  const g1 = s3 / n / Math.pow(m2, 1.5);
  return finiteOrNull((g1 * Math.sqrt(n * (n - 1))) / (n - 2));
}

/**
 * Sample excess kurtosis G2 (as Excel `KURT`): `g2 = m4 / m2² − 3`,
 * `G2 = ((n + 1) g2 + 6) (n − 1) / ((n − 2)(n − 3))`; a normal sample gives ≈ 0.
 * `null` with fewer than 4 values or when all values are equal (zero variance).
 */
export function sampleExcessKurtosis(xs: NumericSeries): number | null {
  const n = xs.length;
  const mu = mean(xs);
  if (n < 4 || mu === null) return null;
  const { s2, s4 } = centralSums(xs, mu);
  const m2 = s2 / n;
  if (!(m2 > 0)) return null;
  const g2 = s4 / n / (m2 * m2) - 3;
  return finiteOrNull((((n + 1) * g2 + 6) * (n - 1)) / ((n - 2) * (n - 3)));
}
