/**
 * Drawdowns: how far, in percent, each point sits below the running peak, where the peak
 * starts at the initial capital (so a curve that opens below it starts in a drawdown).
 */
import type { NumericSeries } from "./stats.ts";
import { MS_PER_DAY } from "./returns.ts";

/**
 * Drawdown of each point in percent (positive = below the peak, 0 at a peak):
 * `(peak − value) / peak × 100` with `peak = max(initialCapital, values[0..i])`.
 * One entry per point. An entry is 0 while the peak is not positive (cannot happen for a
 * valid `initialCapital > 0`); NaN values never raise the peak and give a NaN entry.
 */
export function drawdownPct(values: NumericSeries, initialCapital: number): number[] {
  const out: number[] = new Array(values.length);
  let peak = initialCapital;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v > peak) peak = v;
    const dd = peak > 0 ? ((peak - v) / peak) * 100 : 0;
    out[i] = dd === 0 ? 0 : dd;
  }
  return out;
}

/** Deepest drawdown of a curve and its longest duration. */
export interface DrawdownStats {
  /** Deepest drawdown in percent, positive; 0 when the curve never falls below its peak. */
  maxDrawdownPct: number;
  /**
   * Longest drawdown episode in calendar days (24 h, fractional for intraday curves): from the
   * timestamp of the peak until the first point whose value is back at or above that peak, or
   * until the last point when it never recovers. The initial-capital peak is dated at the first
   * timestamp. 0 when there is no drawdown or fewer than 1 point.
   */
  maxDurationDays: number;
}

/**
 * Max drawdown (percent) and max drawdown duration (calendar days) of an equity curve, with
 * the peak starting at `initialCapital`. Allocation-free single pass.
 * An empty curve gives `{ maxDrawdownPct: 0, maxDurationDays: 0 }`.
 */
export function drawdownStats(
  timestamps: NumericSeries,
  values: NumericSeries,
  initialCapital: number,
): DrawdownStats {
  const n = values.length;
  if (n === 0) return { maxDrawdownPct: 0, maxDurationDays: 0 };
  let peak = initialCapital;
  let peakTime = timestamps[0];
  let inDrawdown = false;
  let maxDd = 0;
  let maxDurMs = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v >= peak) {
      if (inDrawdown) maxDurMs = Math.max(maxDurMs, timestamps[i] - peakTime);
      peak = v;
      peakTime = timestamps[i];
      inDrawdown = false;
    } else {
      inDrawdown = true;
      if (peak > 0) maxDd = Math.max(maxDd, ((peak - v) / peak) * 100);
    }
  }
  if (inDrawdown) maxDurMs = Math.max(maxDurMs, timestamps[n - 1] - peakTime);
  return { maxDrawdownPct: maxDd, maxDurationDays: maxDurMs / MS_PER_DAY };
}
