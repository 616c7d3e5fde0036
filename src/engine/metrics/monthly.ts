/**
 * Calendar-month returns of an equity curve. The month of a timestamp comes from an injected
 * `monthKey`, so time-zone grouping stays outside the engine's metric code.
 */
import type { NumericSeries } from "./stats.ts";
import { finiteOrNull } from "./stats.ts";

/** One calendar month's return. */
export interface MonthlyReturn {
  /** Month label as produced by `monthKey`, conventionally `"YYYY-MM"`. */
  month: string;
  /** Percent change of the month's last value vs the previous month's last value. */
  return_pct: number | null;
}

/**
 * Returns per calendar month, in timeline order. Consecutive points with the same
 * `monthKey(timestamp)` form one month; its return is
 * `(last value of the month / base − 1) × 100`, where the base is the last value of the previous
 * month, or `initialCapital` for the first month (so fees and moves before the first point
 * count). `return_pct` is `null` when the base is not positive or the result is not finite.
 * An empty curve gives `[]`. Throws RangeError when the lengths differ.
 */
export function monthlyReturns(
  timestamps: NumericSeries,
  values: NumericSeries,
  initialCapital: number,
  monthKey: (ms: number) => string,
): MonthlyReturn[] {
  if (timestamps.length !== values.length) throw new RangeError("monthlyReturns: length mismatch");
  const out: MonthlyReturn[] = [];
  const n = values.length;
  let base = initialCapital;
  let key = n > 0 ? monthKey(timestamps[0]) : "";
  for (let i = 0; i < n; i++) {
    const nextKey = i + 1 < n ? monthKey(timestamps[i + 1]) : null;
    if (nextKey === key) continue;
    const v = values[i];
    out.push({ month: key, return_pct: base > 0 ? finiteOrNull((v / base - 1) * 100) : null });
    base = v;
    if (nextKey !== null) key = nextKey;
  }
  return out;
}
