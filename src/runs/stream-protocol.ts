/** WebSocket close codes and reasons of the event streams of runs and optimizations (API spec §5), and the event shape they share. */

/**
 * An event of a stream: a run's or an optimisation's. Ids start at 1 and increase by exactly 1
 * per event of the stream; a `state` event carries `payload.state`.
 */
export interface StreamEvent {
  event_id: number;
  type: string;
  /** ISO-8601 UTC with `Z`. */
  timestamp: string;
  payload: Record<string, unknown>;
}

/** Normal closure after the terminal event was delivered. */
export const CLOSE_COMPLETED = 1000;
/** Policy violation: authentication failed or `last_event_id` is invalid. */
export const CLOSE_POLICY_VIOLATION = 1008;
/** Try again later: the subscriber fell too far behind; resume with `last_event_id`. */
export const CLOSE_TRY_AGAIN = 1013;
/** The run does not exist. */
export const CLOSE_RUN_NOT_FOUND = 4404;

/** Reason sent with `CLOSE_RUN_NOT_FOUND`. */
export const RUN_NOT_FOUND_REASON = "Run not found";

/** Largest accepted `last_event_id` (event ids are safe integers). */
const MAX_EVENT_ID = Number.MAX_SAFE_INTEGER;

/**
 * Parses a `last_event_id` query value or `Last-Event-ID` header: absent ⇒ 0 (send everything);
 * a non-negative decimal integer ⇒ that id; anything else ⇒ null (invalid).
 */
export function parseLastEventId(raw: string | null | undefined): number | null {
  if (raw === null || raw === undefined || raw === "") return 0;
  if (!/^\d{1,16}$/.test(raw.trim())) return null;
  const id = Number(raw.trim());
  return id <= MAX_EVENT_ID ? id : null;
}
