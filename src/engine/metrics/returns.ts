/**
 * Returns of an equity curve: per-point series for the report and the period returns and
 * annualisation inputs the summary metrics are built from.
 */
import type { NumericSeries } from "./stats.ts";
import { finiteOrNull } from "./stats.ts";

/** Milliseconds in one 365.25-day year, the year length used for every annualisation. */
export const MS_PER_YEAR = 365.25 * 86_400_000;

/** Milliseconds in one calendar day (24 h). */
export const MS_PER_DAY = 86_400_000;

/**
 * Cumulative return of each point vs `initialCapital`, in percent:
 * `(value / initialCapital − 1) × 100`. An entry is `null` when it is not finite
 * (e.g. `initialCapital` is 0 or a value is NaN). One entry per point.
 */
export function cumulativeReturnsPct(values: NumericSeries, initialCapital: number): (number | null)[] {
  const out: (number | null)[] = new Array(values.length);
  for (let i = 0; i < values.length; i++) {
    out[i] = finiteOrNull((values[i] / initialCapital - 1) * 100);
  }
  return out;
}

/**
 * Period return of each point vs the previous point, in percent:
 * `(value[i] / value[i−1] − 1) × 100`. The first entry is always `null`; an entry is also
 * `null` when it is not finite (previous value 0, or a NaN value). One entry per point.
 */
export function periodReturnsPct(values: NumericSeries): (number | null)[] {
  const out: (number | null)[] = new Array(values.length);
  if (values.length > 0) out[0] = null;
  for (let i = 1; i < values.length; i++) {
    out[i] = finiteOrNull((values[i] / values[i - 1] - 1) * 100);
  }
  return out;
}

/**
 * Period returns as fractions, `n − 1` of them for `n` points (no leading zero). Entries may be
 * non-finite when a previous value is 0; callers check with {@link allFinite}.
 */
export function periodReturns(values: NumericSeries): Float64Array {
  const n = values.length;
  const out = new Float64Array(n > 0 ? n - 1 : 0);
  for (let i = 1; i < n; i++) out[i - 1] = values[i] / values[i - 1] - 1;
  return out;
}

/** True when every entry of `xs` is a finite number (vacuously true when empty). */
export function allFinite(xs: NumericSeries): boolean {
  for (let i = 0; i < xs.length; i++) if (!Number.isFinite(xs[i])) return false;
  return true;
}

/**
 * Elapsed time between the first and last timestamp (UTC ms) in 365.25-day years.
 * `null` with fewer than 2 points or when the elapsed time is not positive.
 */
export function elapsedYears(timestamps: NumericSeries): number | null {
  const n = timestamps.length;
  if (n < 2) return null;
  const years = (timestamps[n - 1] - timestamps[0]) / MS_PER_YEAR;
  return Number.isFinite(years) && years > 0 ? years : null;
}

/**
 * Observation frequency of the curve: `(points − 1) / elapsed years` (365.25-day years).
 * `null` with fewer than 2 points or zero elapsed time.
 */
export function periodsPerYear(timestamps: NumericSeries): number | null {
  const years = elapsedYears(timestamps);
  return years === null ? null : finiteOrNull((timestamps.length - 1) / years);
}

/**
 * Compound annual growth rate, in percent: `((end / start)^(1 / years) − 1) × 100`.
 * `null` when `years` is null or not positive, `start` is not positive, `end / start` is
 * negative, or the result is not finite (e.g. overflow over a very short span).
 * `end = 0` gives −100.
 */
export function cagrPct(start: number, end: number, years: number | null): number | null {
  if (years === null || !(years > 0) || !(start > 0)) return null;
  const growth = end / start;
  if (!(growth >= 0)) return null;
  return finiteOrNull((Math.pow(growth, 1 / years) - 1) * 100);
}
