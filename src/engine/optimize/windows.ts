/** Validation windows of an optimisation: holdout or anchored walk-forward at the end of the range. */
import { RESOLUTION_MS } from "../types.ts";
import type { OptimizationRequest, ValidationWindow } from "./types.ts";

/** Fewest bars a training or validation range may span. */
export const MIN_WINDOW_BARS = 2;

/**
 * The train/validation ranges of `request` (all `[start, end)`, ISO-8601 UTC). The last
 * `validation_fraction` of the base backtest's range is held out; `holdout` validates on it as one
 * window, `walk_forward` cuts it into `walk_forward_windows` consecutive equal windows. Each
 * window's training run covers everything from the range start up to the window (anchored, so no
 * validation bar is ever trained on). Cut points are snapped down to whole bars of the resolution,
 * counted from the range start.
 */
export function splitWindows(request: OptimizationRequest): ValidationWindow[] {
  const start = Date.parse(request.base_backtest.start_date);
  const end = Date.parse(request.base_backtest.end_date);
  const bar = RESOLUTION_MS[request.base_backtest.resolution];
  const snap = (ms: number): number => start + Math.floor((ms - start) / bar) * bar;
  const split = snap(end - request.validation_fraction * (end - start));
  const count = request.validation_mode === "walk_forward" ? request.walk_forward_windows : 1;
  const cuts: number[] = [];
  for (let i = 0; i < count; i++) cuts.push(snap(split + (i * (end - split)) / count));
  cuts.push(end);
  const iso = (ms: number): string => new Date(ms).toISOString();
  return cuts.slice(0, -1).map((from, i) => ({
    train: { start_date: iso(start), end_date: iso(from) },
    validation: { start_date: iso(from), end_date: iso(cuts[i + 1]!) },
  }));
}
