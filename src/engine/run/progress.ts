/** Maps the phases of a run onto one monotone progress value in [0, 1]. */

/** Share of the progress bar spent loading data. */
export const LOAD_SHARE = 0.05;

/** Share of the progress bar reached when the simulation has processed every bar. */
export const SIMULATION_END = 0.95;

/** Progress after `loaded` of `total` series have been loaded. */
export function loadProgress(loaded: number, total: number): number {
  return total > 0 ? LOAD_SHARE * (loaded / total) : LOAD_SHARE;
}

/** Progress after `processed` of `total` bars have been simulated. */
export function simulationProgress(processed: number, total: number): number {
  const fraction = total > 0 ? Math.min(1, Math.max(0, processed / total)) : 1;
  return LOAD_SHARE + (SIMULATION_END - LOAD_SHARE) * fraction;
}

/** Keeps reported progress monotone whatever the phases report. */
export class ProgressTracker {
  private last = 0;

  /** Returns `max(previous, value)` clamped to [0, 1]. */
  next(value: number): number {
    this.last = Math.min(1, Math.max(this.last, value));
    return this.last;
  }
}
