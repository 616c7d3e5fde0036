/** Messages between the pool (main thread) and a trial worker thread. */
import type { OptimizationRequest, TrialResult, TrialSpec } from "../../../engine/index.ts";
import type { TrialData } from "./trial-data.ts";

/** `workerData` of a trial thread. */
export interface TrialThreadOptions {
  /** `native`: SHA-256 from `node:crypto`; `engine`: the engine's own. Digests are identical. */
  hasher: "native" | "engine";
  /** Enables the crash/stall hooks of {@link TEST_HOOK_PREFIX} jobs; tests only. */
  testHooks: boolean;
}

/**
 * With `testHooks`, a job whose optimisation id starts with this prefix drives the thread:
 * `exit:<code>` calls `process.exit`, `throw` raises an uncaught error, `spin:<ms>` blocks the
 * thread for that long before running the trial, `hold` never finishes until cancelled.
 */
export const TEST_HOOK_PREFIX = "__test__:";

/** Main thread → worker. */
export type ToWorker =
  | { type: "data"; key: string; data: TrialData }
  | { type: "drop"; key: string }
  | { type: "run"; id: number; key: string; request: OptimizationRequest; spec: TrialSpec }
  | { type: "cancel"; id: number };

/** Worker → main thread. Times are epoch ms with sub-ms precision, from the thread's own clock. */
export type FromWorker =
  | { type: "ready" }
  | { type: "started"; id: number; at: number }
  | { type: "done"; id: number; result: TrialResult; startedAt: number; finishedAt: number }
  | { type: "cancelled"; id: number }
  | { type: "failed"; id: number; message: string };
