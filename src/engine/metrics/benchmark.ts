/**
 * Benchmark-relative metrics (engine spec §6), computed on the timestamps both series share.
 *
 * A point is shared when the benchmark value given for it is finite. The caller must pass NaN
 * wherever the benchmark has no bar of exactly that timestamp (see `benchmarkBarValues` in the
 * report layer): a value carried forward from an earlier bar is not an observation, and pairing
 * it with a strategy move would enter the statistics as a zero benchmark return. Period returns
 * are taken between consecutive shared points, for both series, so each pair spans the same
 * interval; the strategy's return over such an interval is `value[j] / value[i] − 1`, which
 * compounds over any strategy-only points in between (they are never dropped, only merged).
 */
import type { NumericSeries } from "./stats.ts";
import { allFinite, cagrPct, elapsedYears, periodReturns, periodsPerYear } from "./returns.ts";
import { riskFreePerPeriod } from "./risk.ts";
import { finiteOrNull, mean, sampleCovariance, sampleStd, sampleVariance } from "./stats.ts";

/** Benchmark-relative metrics; every field is `null` when it cannot be computed. */
export interface BenchmarkStats {
  beta: number | null;
  alphaPct: number | null;
  trackingErrorPct: number | null;
  informationRatio: number | null;
  /** CAGR of the benchmark from the first to the last shared point, percent. */
  benchmarkAnnualizedReturnPct: number | null;
  /**
   * CAGR of the strategy over the same shared window minus `benchmarkAnnualizedReturnPct`,
   * percentage points.
   */
  excessReturnPct: number | null;
  correlation: number | null;
}

/** All-null benchmark statistics, used when no benchmark is given. */
export const EMPTY_BENCHMARK_STATS: Readonly<BenchmarkStats> = Object.freeze({
  beta: null,
  alphaPct: null,
  trackingErrorPct: null,
  informationRatio: null,
  benchmarkAnnualizedReturnPct: null,
  excessReturnPct: null,
  correlation: null,
});

interface SharedCurves {
  timestamps: Float64Array;
  strategy: Float64Array;
  benchmark: Float64Array;
}

/** The points where the benchmark value is finite (the shared timestamps), in order. */
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
 * Benchmark metrics of a strategy curve `values` against `benchmarkValues` (one entry per
 * equity point; NaN wherever the benchmark has no bar at that timestamp). Let the shared points
 * be those with a finite benchmark value, `n` their number, `rs`, `rb` the `n − 1` paired
 * returns between consecutive shared points (fractions), `a = rs − rb`, `ppy` the
 * `periods_per_year` of the shared timestamps (`(n − 1) / their elapsed years`) and `rf_p` the
 * per-period risk-free rate for that `ppy` (as for Sharpe):
 * - `beta = cov(rs, rb) / var(rb)` (sample, n − 1); null with < 3 shared points (< 2 pairs)
 *   or `var(rb) = 0`.
 * - `correlation = cov / (std(rs) std(rb))`, clamped to [−1, 1]; null with < 3 shared points
 *   or either variance 0.
 * - `alphaPct` — Jensen's alpha per period `mean(rs) − rf_p − beta (mean(rb) − rf_p)`,
 *   annualised arithmetically (× ppy) and × 100, percent per year; null when beta or `rf_p` is null.
 * - `trackingErrorPct = std(a) × √ppy × 100`, percent; null with < 3 shared points or no ppy.
 * - `informationRatio = mean(a) × ppy / (std(a) × √ppy)`; null when `std(a) = 0`, < 3 shared
 *   points or no ppy.
 * - `benchmarkAnnualizedReturnPct` — CAGR from the first to the last shared benchmark value
 *   over their elapsed time, percent; null with < 2 shared points or zero elapsed time (see
 *   `cagrPct`).
 * - `excessReturnPct` — CAGR of the strategy from its value at the first shared point to its
 *   value at the last one, over the same elapsed time, minus `benchmarkAnnualizedReturnPct`,
 *   percentage points; null when either CAGR is null (e.g. a strategy value ≤ 0 at the first
 *   shared point).
 * A shared value of 0 followed by another point makes a return non-finite; then every
 * return-based field (all but the two CAGR-based ones) is null.
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
  const growth = annualGrowth(c);
  const rs = periodReturns(c.strategy);
  const rb = periodReturns(c.benchmark);
  if (!allFinite(rs) || !allFinite(rb)) return { ...EMPTY_BENCHMARK_STATS, ...growth };
  const active = new Float64Array(rs.length);
  for (let i = 0; i < rs.length; i++) active[i] = rs[i] - rb[i];
  const ppy = periodsPerYear(c.timestamps);
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
    ...growth,
    correlation: corr,
  };
}

/** Benchmark CAGR and the strategy's excess over it, both on the shared window. */
function annualGrowth(c: SharedCurves): Pick<BenchmarkStats, "benchmarkAnnualizedReturnPct" | "excessReturnPct"> {
  const n = c.benchmark.length;
  if (n < 2) return { benchmarkAnnualizedReturnPct: null, excessReturnPct: null };
  const years = elapsedYears(c.timestamps);
  const bench = cagrPct(c.benchmark[0], c.benchmark[n - 1], years);
  const strategy = cagrPct(c.strategy[0], c.strategy[n - 1], years);
  return {
    benchmarkAnnualizedReturnPct: bench,
    excessReturnPct: bench !== null && strategy !== null ? finiteOrNull(strategy - bench) : null,
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
