/** Rolling z-score of a series against its own rolling mean and sample standard deviation. */

/**
 * Relative variance below which a window counts as flat: guards the running-sum formula,
 * whose cancellation error would otherwise turn a constant window into a huge z-score.
 */
const FLAT_VARIANCE = 1e-12;

/**
 * `out[i] = (values[i] - mean) / std` over the window `values[i-period+1..i]` (the current
 * value included), with the sample standard deviation (n − 1). `NaN` while `i < period - 1`
 * and when the window is flat (variance ≤ 1e-12 × mean², including std = 0).
 * `period` is an integer ≥ 2. O(n) with running sums of values and squares.
 */
export function zScore(values: Float64Array, period: number): Float64Array {
  const n = values.length;
  const out = new Float64Array(n).fill(Number.NaN);
  let sum = 0;
  let sumSq = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    sum += v;
    sumSq += v * v;
    if (i >= period) {
      const old = values[i - period];
      sum -= old;
      sumSq -= old * old;
    }
    if (i < period - 1) continue;
    const mean = sum / period;
    const variance = (sumSq - sum * mean) / (period - 1);
    if (variance <= FLAT_VARIANCE * mean * mean || variance <= 0) continue;
    out[i] = (v - mean) / Math.sqrt(variance);
  }
  return out;
}
