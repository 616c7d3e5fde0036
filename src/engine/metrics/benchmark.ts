/**
 * Benchmark-relative metrics (engine spec §6). Both curves are first restricted to the
 * timestamps they share (points where the benchmark value is finite); period returns are then
 * taken between consecutive shared points, so each strategy/benchmark pair spans the same interval.
 */
import type { NumericSeries } from "./stats.ts";
import { cagrPct, elapsedYears, periodReturns, periodsPerYear } from "./returns.ts";
import { riskFreePerPeriod } from "./risk.ts";
import { finiteOrNull, mean, sampleCovariance, sampleStd, sampleVariance } from "./stats.ts";

/** Benchmark-relative metrics; every field is `null` when it cannot be computed. */
export interface BenchmarkStats {
  beta: number | null;
  alphaPct: number | null;
  trackingErrorPct: number | null;
  informationRatio: number | null;
  /** CAGR of the benchmark over the shared points, percent. */
  benchmarkAnnualizedReturnPct: number | null;
  correlation: number | null;
}

/** All-null benchmark statistics, used when no benchmark is given. */
export const EMPTY_BENCHMARK_STATS: Readonly<BenchmarkStats> = Object.freeze({
  beta: null,
  alphaPct: null,
  trackingErrorPct: null,
  informationRatio: null,
  benchmarkAnnualizedReturnPct: null,
  correlation: null,
});

interface SharedCurves {
  timestamps: Float64Array;
  strategy: Float64Array;
  benchmark: Float64Array;
}

function sharedCurves(t: NumericSeries, s: NumericSeries, b: NumericSeries): SharedCurves {
  let k = 0;
  for (let i = 0; i < b.length; i++) if (Number.isFinite(b[i])) k++;
  const out = { timestamps: new Float64Array(k), strategy: new Float64Array(k), benchmark: new Float64Array(k) };
  for (let i = 0, j = 0; i < b.length; i++) {
    if (!Number.isFinite(b[i])) continue;
    out.timestamps[j] = t[i];
    out.strategy[j] = s[i];
    out.benchmark[j++] = b[i];
  }
  return out;
}

/**
 * Benchmark metrics of a strategy curve `values` against `benchmarkValues` (same timestamps,
 * NaN where the benchmark is missing). With `rs`, `rb` the paired period returns (fractions),
 * `a = rs − rb`, `ppy` the shared curve's `periods_per_year` and `rf_p` the per-period risk-free
 * rate (as for Sharpe):
 * - `beta = cov(rs, rb) / var(rb)` (sample, n − 1); null with < 2 pairs or `var(rb) = 0`.
 * - `correlation = cov / (std(rs) std(rb))`, clamped to [−1, 1]; null with < 2 pairs or
 *   either variance 0.
 * - `alphaPct` — Jensen's alpha per period `mean(rs) − rf_p − beta (mean(rb) − rf_p)`,
 *   annualised arithmetically (× ppy) and × 100; null when beta or `rf_p` is null.
 * - `trackingErrorPct = std(a) × √ppy × 100`; null with < 2 pairs or no ppy.
 * - `informationRatio = mean(a) × ppy / (std(a) × √ppy)`; null when `std(a) = 0` or no ppy.
 * - `benchmarkAnnualizedReturnPct` — CAGR from the first to the last shared benchmark value
 *   over their elapsed time; null with < 2 shared points (see `cagrPct`).
 * Throws RangeError when the arrays' lengths differ.
 */
export function benchmarkStats(
  timestamps: NumericSeries,
  values: NumericSeries,
  benchmarkValues: NumericSeries,
  annualRiskFree: number,
): BenchmarkStats {
  if (benchmarkValues.length !== values.length || timestamps.length !== values.length) {
    throw new RangeError("benchmarkValues must have one entry per equity point");
  }
  const c = sharedCurves(timestamps, values, benchmarkValues);
  const n = c.benchmark.length;
  const rs = periodReturns(c.strategy);
  const rb = periodReturns(c.benchmark);
  const active = new Float64Array(rs.length);
  for (let i = 0; i < rs.length; i++) active[i] = rs[i] - rb[i];
  const ppy = periodsPerYear(c.timestamps);
  const benchmarkAnnualizedReturnPct =
    n >= 2 ? cagrPct(c.benchmark[0], c.benchmark[n - 1], elapsedYears(c.timestamps)) : null;
  const cov = sampleCovariance(rs, rb);
  const varB = sampleVariance(rb);
  const varS = sampleVariance(rs);
  const beta = cov !== null && varB !== null && varB > 0 ? finiteOrNull(cov / varB) : null;
  const corr =
    cov !== null && varB !== null && varS !== null && varB > 0 && varS > 0
      ? finiteOrNull(Math.min(1, Math.max(-1, cov / Math.sqrt(varS * varB))))
      : null;
  return {
    beta,
    alphaPct: jensenAlphaPct(rs, rb, beta, annualRiskFree, ppy),
    ...activeStats(active, ppy),
    benchmarkAnnualizedReturnPct,
    correlation: corr,
  };
}

function jensenAlphaPct(
  rs: Float64Array,
  rb: Float64Array,
  beta: number | null,
  annualRiskFree: number,
  ppy: number | null,
): number | null {
  const rf = riskFreePerPeriod(annualRiskFree, ppy);
  const ms = mean(rs);
  const mb = mean(rb);
  if (beta === null || rf === null || ppy === null || ms === null || mb === null) return null;
  return finiteOrNull((ms - rf - beta * (mb - rf)) * ppy * 100);
}

function activeStats(
  active: Float64Array,
  ppy: number | null,
): { trackingErrorPct: number | null; informationRatio: number | null } {
  const sd = sampleStd(active);
  const m = mean(active);
  if (sd === null || m === null || ppy === null) return { trackingErrorPct: null, informationRatio: null };
  return {
    trackingErrorPct: finiteOrNull(sd * Math.sqrt(ppy) * 100),
    informationRatio: sd > 0 ? finiteOrNull((m * ppy) / (sd * Math.sqrt(ppy))) : null,
  };
}
