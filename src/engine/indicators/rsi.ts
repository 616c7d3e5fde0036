/** Relative Strength Index with Wilder or simple smoothing. */

/** How average gains and losses are smoothed after the first window. */
export type RsiSmoothing = "wilder" | "simple";

/**
 * RSI of `close` over `period` bars into a new `Float64Array`, in RSI points 0..100.
 * Changes start at bar 1; the first value is at bar `period` (the mean gain and loss of the
 * first `period` changes), earlier bars are `NaN`. After that, `wilder` smooths recursively
 * (`avg = (avg × (period − 1) + x) / period`) and `simple` uses the mean of the last `period`
 * changes. When the average loss is 0 the RSI is 100, or 50 when the average gain is 0 too
 * (a flat window).
 */
export function rsi(close: Float64Array, period: number, smoothing: RsiSmoothing): Float64Array {
  const n = close.length;
  const out = new Float64Array(n).fill(Number.NaN);
  let gainSum = 0;
  let lossSum = 0;
  let avgGain = 0;
  let avgLoss = 0;
  for (let i = 1; i < n; i++) {
    const change = close[i] - close[i - 1];
    const gain = change > 0 ? change : 0;
    const loss = change < 0 ? -change : 0;
    if (i <= period || smoothing === "simple") {
      gainSum += gain;
      lossSum += loss;
      if (i > period) {
        const old = close[i - period] - close[i - period - 1];
        if (old > 0) gainSum -= old;
        else lossSum += old;
      }
      // Running sums of inexact changes can drift a hair below zero.
      avgGain = Math.max(0, gainSum) / period;
      avgLoss = Math.max(0, lossSum) / period;
    } else {
      avgGain = (avgGain * (period - 1) + gain) / period;
      avgLoss = (avgLoss * (period - 1) + loss) / period;
    }
    if (i >= period) out[i] = rsiValue(avgGain, avgLoss);
  }
  return out;
}

function rsiValue(avgGain: number, avgLoss: number): number {
  if (avgLoss === 0) return avgGain === 0 ? 50 : 100;
  return 100 - 100 / (1 + avgGain / avgLoss);
}
