/** Simple moving average, O(n) with a running window sum. */

/**
 * SMA of `values` over `period` bars into a new `Float64Array`: `out[i]` is the mean of
 * `values[i-period+1..i]`, `NaN` while `i < period - 1` (not warm). `period` is an integer ≥ 1.
 */
export function sma(values: Float64Array, period: number): Float64Array {
  const n = values.length;
  const out = new Float64Array(n).fill(Number.NaN);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    sum += values[i];
    if (i >= period) sum -= values[i - period];
    if (i >= period - 1) out[i] = sum / period;
  }
  return out;
}
