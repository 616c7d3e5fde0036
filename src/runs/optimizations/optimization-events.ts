/** Builders of the events an optimisation session writes (payloads as documented on `OptimizationEvent`). */
import type { OptimizerState, TrialResult } from "../../engine/optimize/types.ts";
import type { OptimizationEventDraft, OptimizationStatusPatch } from "./optimization-types.ts";

/** Log line written when an optimisation is picked up again while it was `running` (a restart). */
export const RESUMED_OPTIMIZATION_MESSAGE = "Optimization resumed after a restart";

/** Message of an optimisation that failed for an internal reason (the real error goes to `onInternalError`). */
export const INTERNAL_OPTIMIZATION_ERROR = "The optimization failed because of an internal error";

/** A `log` event draft. */
export function logDraft(timestamp: string, message: string, level: "info" | "warn" | "error" = "info"): OptimizationEventDraft {
  return { type: "log", timestamp, payload: { level, message } };
}

/** Finished share of the budget, 0..1 (1 for an empty budget). */
export function progressOf(state: OptimizerState): number {
  return state.total_trials === 0 ? 1 : Math.min(1, (state.completed + state.failed) / state.total_trials);
}

/**
 * The events and status patch of one recorded trial: `trial`, then `best` when the best trial
 * changed (`previousBest` is the number of the best before it), then `progress`.
 */
export function trialRecordDrafts(timestamp: string, trial: TrialResult, state: OptimizerState, running: number, previousBest: number | null): { drafts: OptimizationEventDraft[]; patch: OptimizationStatusPatch } {
  const progress = progressOf(state);
  const drafts: OptimizationEventDraft[] = [{ type: "trial", timestamp, payload: { trial } }];
  if (state.best_trial !== null && state.best_trial.number !== previousBest) {
    drafts.push({ type: "best", timestamp, payload: { best_trial: state.best_trial } });
  }
  drafts.push({
    type: "progress",
    timestamp,
    payload: { progress, total_trials: state.total_trials, completed_trials: state.completed, failed_trials: state.failed, running_trials: running },
  });
  const patch: OptimizationStatusPatch = {
    progress, completed_trials: state.completed, failed_trials: state.failed, running_trials: running, best_trial: state.best_trial,
  };
  return { drafts, patch };
}
