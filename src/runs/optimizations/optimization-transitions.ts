/**
 * The rules every optimisation store follows: how a status patch applies, which states a
 * transition starts from, what it changes and which `state` event it writes, and the fence.
 */
import type { OptimizationEventDraft, OptimizationState, OptimizationStatus, OptimizationStatusPatch } from "./optimization-types.ts";
import { StaleAttemptError } from "./optimization-store.ts";

const PATCHABLE = [
  "state", "progress", "started_at", "finished_at", "error", "total_trials", "completed_trials", "failed_trials",
  "running_trials", "best_trial",
] as const;

/** A new status with every present (not `undefined`) field of `patch` applied; identity fields never change. */
export function applyOptimizationPatch(status: OptimizationStatus, patch: OptimizationStatusPatch | undefined): OptimizationStatus {
  const next: OptimizationStatus = { ...status };
  if (!patch) return next;
  for (const key of PATCHABLE) {
    const value = patch[key];
    if (value !== undefined) (next as unknown as Record<string, unknown>)[key] = value;
  }
  return next;
}

/** A `state` event draft (`error` only for `failed`). */
export function stateEventDraft(timestamp: string, state: OptimizationState, error?: string): OptimizationEventDraft {
  return { type: "state", timestamp, payload: error === undefined ? { state } : { state, error } };
}

/** The conditional transitions of a store. */
export type TransitionKind = "cancel" | "resume" | "fail" | "complete";

const FROM: Record<TransitionKind, readonly OptimizationState[]> = {
  cancel: ["queued", "running"],
  resume: ["cancelled", "failed"],
  fail: ["queued", "running"],
  complete: ["running"],
};

/** The patch and event of transition `kind` from `status`, or null when `status.state` does not allow it. */
export function planTransition(kind: TransitionKind, status: OptimizationStatus, timestamp: string, error?: string): { patch: OptimizationStatusPatch; draft: OptimizationEventDraft } | null {
  if (!FROM[kind].includes(status.state)) return null;
  switch (kind) {
    case "cancel":
      return { patch: { state: "cancelled", finished_at: timestamp, running_trials: 0 }, draft: stateEventDraft(timestamp, "cancelled") };
    case "resume":
      return {
        patch: { state: "queued", started_at: null, finished_at: null, error: null, running_trials: 0 },
        draft: stateEventDraft(timestamp, "queued"),
      };
    case "fail": {
      const message = error ?? "failed";
      return { patch: { state: "failed", finished_at: timestamp, error: message, running_trials: 0 }, draft: stateEventDraft(timestamp, "failed", message) };
    }
    case "complete":
      return { patch: { state: "completed", progress: 1, finished_at: timestamp, error: null, running_trials: 0 }, draft: stateEventDraft(timestamp, "completed") };
  }
}

/**
 * Throws `StaleAttemptError` unless `stored` is `attempt` and `state` one of `states` (default:
 * queued or running).
 */
export function checkFence(storedAttempt: number, state: OptimizationState, attempt: number, states: readonly OptimizationState[] = ["queued", "running"]): void {
  if (storedAttempt !== attempt) throw new StaleAttemptError(`attempt ${attempt} is stale (now ${storedAttempt})`);
  if (!states.includes(state)) throw new StaleAttemptError(`attempt ${attempt} cannot write in state ${state}`);
}
