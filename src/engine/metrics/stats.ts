/**
 * Numerically careful building blocks shared by the metric modules: compensated sums and
 * two-pass central moments. All functions read plain numeric sequences and never allocate.
 */

/** A numeric sequence accepted by the metric functions (typed or plain array). */
export type NumericSeries = ArrayLike<number>;

/**
 * Sum of `xs[from..to)` with Neumaier's compensated summation, so long series of mixed
 * magnitudes keep full precision. Returns 0 for an empty range.
 */
export function compensatedSum(xs: NumericSeries, from = 0, to = xs.length): number {
  let sum = 0;
  let carry = 0;
  for (let i = from; i < to; i++) {
    const x = xs[i];
    const t = sum + x;
    carry += Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum;
    sum = t;
  }
  return sum + carry;
}

/**
 * Arithmetic mean (compensated); `null` for an empty sequence. Computed as an offset from the
 * first value, so a constant sequence has exactly that value as its mean and exactly zero
 * deviations (zero-variance checks downstream are then exact).
 */
export function mean(xs: NumericSeries): number | null {
  const n = xs.length;
  if (n === 0) return null;
  const x0 = xs[0];
  let sum = 0;
  let carry = 0;
  for (let i = 1; i < n; i++) {
    const d = xs[i] - x0;
    const t = sum + d;
    carry += Math.abs(sum) >= Math.abs(d) ? sum - t + d : d - t + sum;
    sum = t;
  }
  return x0 + (sum + carry) / n;
}

/**
 * Sums of the 2nd, 3rd and 4th powers of deviations from `centre` (second pass of a two-pass
 * moment computation), compensated for the squared term that drives the variance.
 */
export interface CentralSums {
  s2: number;
  s3: number;
  s4: number;
}

/** Central power sums of `xs` around `centre`; all zero for an empty sequence. */
export function centralSums(xs: NumericSeries, centre: number): CentralSums {
  let s2 = 0;
  let c2 = 0;
  let s3 = 0;
  let s4 = 0;
  for (let i = 0; i < xs.length; i++) {
    const d = xs[i] - centre;
    const d2 = d * d;
    const t = s2 + d2;
    c2 += s2 >= d2 ? s2 - t + d2 : d2 - t + s2;
    s2 = t;
    s3 += d2 * d;
    s4 += d2 * d2;
  }
  return { s2: s2 + c2, s3, s4 };
}

/**
 * Sample variance (divisor n − 1), two-pass. `null` with fewer than 2 values.
 * A result of exactly 0 means all values are equal.
 */
export function sampleVariance(xs: NumericSeries): number | null {
  const m = mean(xs);
  if (m === null || xs.length < 2) return null;
  return centralSums(xs, m).s2 / (xs.length - 1);
}

/** Sample standard deviation (divisor n − 1); `null` with fewer than 2 values. */
export function sampleStd(xs: NumericSeries): number | null {
  const v = sampleVariance(xs);
  return v === null ? null : Math.sqrt(v);
}

/**
 * Sample covariance (divisor n − 1) of two equally long sequences, two-pass.
 * `null` with fewer than 2 pairs. Throws RangeError when the lengths differ.
 */
export function sampleCovariance(xs: NumericSeries, ys: NumericSeries): number | null {
  if (xs.length !== ys.length) throw new RangeError("sampleCovariance: length mismatch");
  const n = xs.length;
  const mx = mean(xs);
  const my = mean(ys);
  if (mx === null || my === null || n < 2) return null;
  let sum = 0;
  let carry = 0;
  for (let i = 0; i < n; i++) {
    const p = (xs[i] - mx) * (ys[i] - my);
    const t = sum + p;
    carry += Math.abs(sum) >= Math.abs(p) ? sum - t + p : p - t + sum;
    sum = t;
  }
  return (sum + carry) / (n - 1);
}

/**
 * Maps a computed metric to the API's number-or-null: non-finite values (NaN, ±Infinity) and
 * `null` become `null`; negative zero becomes 0 so serialisation is stable.
 */
export function finiteOrNull(x: number | null): number | null {
  if (x === null || !Number.isFinite(x)) return null;
  return x === 0 ? 0 : x;
}
