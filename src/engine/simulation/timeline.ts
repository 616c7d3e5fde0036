/** The master timeline: every timestamp at which at least one symbol has a bar. */
import type { BarSeries } from "../types.ts";

/**
 * Sorted union (no duplicates) of all series' timestamps. Series that repeat the union so far
 * (the common case: same calendar) are skipped in O(n); others are merged in O(n + m).
 */
export function masterTimeline(series: readonly BarSeries[]): Float64Array {
  let union: Float64Array = new Float64Array(0);
  for (const s of series) {
    if (!sameTimes(union, s.timestamps)) union = mergeSorted(union, s.timestamps);
  }
  return union;
}

function sameTimes(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function mergeSorted(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length || j < b.length) {
    const x = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i++] : b[j++];
    if (n === 0 || out[n - 1] !== x) out[n++] = x;
  }
  return out.slice(0, n);
}
