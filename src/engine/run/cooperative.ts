/** Runs a stepwise (generator) computation without holding the host's event loop for long. */

/** Default longest stretch of steps between two `yieldControl` calls, ms (measured with `now`). */
export const STEP_SLICE_MS = 20;

/** How a cooperative computation paces itself. */
export interface Pace {
  /** Monotonic clock, ms; without it every step counts as instant. */
  now?: () => number;
  /** Hands the host its event loop back; without it the steps run back to back. */
  yieldControl?: () => Promise<void>;
  /** Longest stretch between two yields, ms; default {@link STEP_SLICE_MS}. */
  sliceMs?: number;
}

/**
 * Paces a loop of small units of work: call `pause()` between units; it awaits `yieldControl`
 * once {@link STEP_SLICE_MS} have passed since the last pause (after every unit when there is no
 * clock), and costs nothing without `yieldControl`.
 */
export class SlicePacer {
  private sliceStart: number;

  constructor(private readonly pace: Pace) {
    this.sliceStart = pace.now?.() ?? 0;
  }

  /** True when the current slice is used up (always without a clock, never without `yieldControl`). */
  due(): boolean {
    const { now, yieldControl } = this.pace;
    if (yieldControl === undefined) return false;
    return now === undefined || now() - this.sliceStart >= (this.pace.sliceMs ?? STEP_SLICE_MS);
  }

  /** Hands the loop back to the host when the current slice is used up. */
  async pause(): Promise<void> {
    if (!this.due()) return;
    await this.pace.yieldControl!();
    this.sliceStart = this.pace.now?.() ?? 0;
  }
}

/**
 * Drives `steps` to completion and returns its result, awaiting `yieldControl` whenever
 * {@link STEP_SLICE_MS} have passed since the last pause (and after every step when there is
 * no clock), so no synchronous slice lasts much longer than one slice plus one step.
 */
export async function drainCooperatively<T>(steps: Generator<void, T>, pace: Pace): Promise<T> {
  const { now, yieldControl } = pace;
  const sliceMs = pace.sliceMs ?? STEP_SLICE_MS;
  let sliceStart = now?.() ?? 0;
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (yieldControl === undefined) continue;
    if (now === undefined || now() - sliceStart >= sliceMs) {
      await yieldControl();
      sliceStart = now?.() ?? 0;
    }
  }
}
