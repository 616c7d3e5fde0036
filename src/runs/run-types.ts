/** Types of the run domain: states, statuses, records and the events of a run's log (API spec §1, §5). */
import type { BacktestRequest } from "../engine/types.ts";

/** Lifecycle state of a run: queued → running → completed | failed | cancelled. */
export type RunState = "queued" | "running" | "completed" | "failed" | "cancelled";

/** States after which nothing changes. */
export const TERMINAL_STATES: ReadonlySet<RunState> = new Set(["completed", "failed", "cancelled"]);

/** True for `completed`, `failed` and `cancelled`. */
export function isTerminal(state: RunState): boolean {
  return TERMINAL_STATES.has(state);
}

/** Public status of a run (`BacktestStatus`). Timestamps ISO-8601 UTC with `Z`. */
export interface RunStatus {
  run_id: string;
  state: RunState;
  /** 0..1, monotone; exactly 1 when completed. */
  progress: number;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  error: string | null;
}

/** Fields of a status a transition may change. */
export type RunStatusPatch = Partial<Omit<RunStatus, "run_id" | "created_at">>;

/** Kinds of events in a run's log. */
export type RunEventType = "state" | "progress" | "metric" | "log";

/**
 * One event of a run's log. `event_id` starts at 1 and increases by exactly 1 per event of the
 * run — no gaps, no reuse, also across restarts.
 */
export interface RunEvent {
  event_id: number;
  run_id: string;
  type: RunEventType;
  /** ISO-8601 UTC with `Z`, when the event was recorded. */
  timestamp: string;
  payload: Record<string, unknown>;
}

/** An event before the store assigned its id. */
export type RunEventDraft = Omit<RunEvent, "event_id" | "run_id">;

/** Everything stored about a run besides its events and result. */
export interface RunRecord {
  status: RunStatus;
  /** The normalised request (every default applied): what the engine runs. */
  request: BacktestRequest;
  /** `key_id` of the key that created it; null in development mode. */
  key_id: string | null;
}

/** A listing request: newest first, optional state filter, opaque cursor from the previous page. */
export interface RunListQuery {
  state?: RunState | null;
  /** 1..200 */
  limit: number;
  cursor?: string | null;
}

/** One page of a listing; `next_cursor` is null on the last page. */
export interface RunListPage {
  items: RunStatus[];
  next_cursor: string | null;
}
