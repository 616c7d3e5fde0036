/** Percent change over a fixed number of bars. */

/**
 * `out[i] = (values[i] / values[i - lookback] - 1) × 100`, in percent; `NaN` while
 * `i < lookback` and when `values[i - lookback]` is 0.
 */
export function pctChange(values: Float64Array, lookback: number): Float64Array {
  const n = values.length;
  const out = new Float64Array(n).fill(Number.NaN);
  for (let i = lookback; i < n; i++) {
    const base = values[i - lookback];
    if (base !== 0) out[i] = (values[i] / base - 1) * 100;
  }
  return out;
}
