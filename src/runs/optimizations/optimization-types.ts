/**
 * Types of the optimisation domain (issue 6): statuses, records and the events of an
 * optimisation's log. Optimisations follow the run conventions (API spec §1, §5): the same
 * states, timestamps, cursor listing and a gap-free event log streamed over WebSocket or SSE.
 */
import type { OptimizationRequest, SearchMethodName, TrialResult } from "../../engine/optimize/types.ts";
import type { RunState } from "../run-types.ts";

/**
 * Lifecycle of an optimisation: queued → running → completed | failed | cancelled; a cancelled or
 * failed one can be resumed (→ queued), keeping its stored trials.
 */
export type OptimizationState = RunState;

/** Public status of an optimisation (`OptimizationStatus`). Timestamps ISO-8601 UTC with `Z`. */
export interface OptimizationStatus {
  optimization_id: string;
  name: string;
  state: OptimizationState;
  /** Finished trials / `total_trials`, 0..1; exactly 1 when completed. */
  progress: number;
  created_at: string;
  /** When the current execution started (null until running; reset by a resume). */
  started_at: string | null;
  /** Null until terminal (reset by a resume). */
  finished_at: string | null;
  /** Null unless failed. */
  error: string | null;
  search_method: SearchMethodName;
  objective_metric: string;
  direction: "maximize" | "minimize";
  /** Trials this optimisation will run: `max_trials`, or fewer when the space is smaller. */
  total_trials: number;
  completed_trials: number;
  failed_trials: number;
  /** Trials executing right now (0 unless running). */
  running_trials: number;
  /** The best finished trial so far, or null. */
  best_trial: TrialResult | null;
}

/** Fields of a status a transition may change. */
export type OptimizationStatusPatch = Partial<Omit<OptimizationStatus, "optimization_id" | "created_at" | "name" | "search_method" | "objective_metric" | "direction">>;

/** Kinds of events in an optimisation's log. */
export type OptimizationEventType = "state" | "trial" | "best" | "progress" | "log";

/**
 * One event of an optimisation's log; ids start at 1 and increase by exactly 1, also across
 * restarts and resumes. Payloads:
 * - `state`: `{ state, error? }` (every transition, including `queued` after a resume);
 * - `trial`: `{ trial: TrialResult }` (each finished trial, in the order they finished);
 * - `best`: `{ best_trial: TrialResult }` (whenever the best trial changes);
 * - `progress`: `{ progress, total_trials, completed_trials, failed_trials, running_trials }`;
 * - `log`: `{ level, message }`.
 */
export interface OptimizationEvent {
  event_id: number;
  optimization_id: string;
  type: OptimizationEventType;
  timestamp: string;
  payload: Record<string, unknown>;
}

/** An event before the store assigned its id. */
export type OptimizationEventDraft = Omit<OptimizationEvent, "event_id" | "optimization_id">;

/** Everything stored about an optimisation besides its events, trials and result. */
export interface OptimizationRecord {
  status: OptimizationStatus;
  /** The normalised request (every default applied). */
  request: OptimizationRequest;
  /** `key_id` of the key that created it; null in development mode. */
  key_id: string | null;
}

/** A listing request: newest first, optional state filter, opaque cursor. */
export interface OptimizationListQuery {
  state?: OptimizationState | null;
  /** 1..200 */
  limit: number;
  cursor?: string | null;
}

/** One page of a listing; `next_cursor` is null on the last page. */
export interface OptimizationListPage {
  items: OptimizationStatus[];
  next_cursor: string | null;
}
