/**
 * The session clock inside a Durable Object. workerd freezes `Date.now()` and `performance.now()`
 * while code runs and advances them only across I/O, so a purely wall-based monotonic clock would
 * never tell the engine that its 50 ms slice is over and it would never yield. Each reading
 * therefore also advances a small virtual tick: the clock is real time plus work done.
 */
import type { SessionClock } from "../../runs/run-session.ts";

/** Virtual milliseconds added per reading: the engine reads once per 256 bars and yields after 50 ms, i.e. every ~6k bars. */
export const TICK_MS = 2;

/** A clock for one run attempt; `yieldControl` is a macrotask, so the object serves other calls meanwhile. */
export function createWorkerClock(): SessionClock {
  let ticks = 0;
  return {
    wallIso: () => new Date().toISOString(),
    monotonic: () => performance.now() + (ticks += TICK_MS),
    yieldControl: () => new Promise((resolve) => setTimeout(resolve, 0)),
  };
}
