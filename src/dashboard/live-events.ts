/**
 * Live events of a run or an optimisation: the typed client's stream helper over WebSocket
 * (resuming with `last_event_id` after drops); when WebSocket is unavailable or keeps failing,
 * Server-Sent Events from the same point. Either way each `event_id` is delivered once, in order.
 * A run's stream ends at its terminal event; an optimisation's when the server closes after one
 * (a resumed optimisation's log continues after `cancelled`, so the caller may follow it again).
 */
import { RunStreamError, streamOptimization, streamRun } from "../client/stream.ts";
import { apiOrigin, apiUrl } from "./api-base.ts";

const TERMINAL = new Set(["completed", "failed", "cancelled"]);
const EVENT_TYPES = {
  backtests: ["state", "progress", "metric", "log"],
  optimizations: ["state", "trial", "best", "progress", "log"],
};

/** What is followed: a run (`backtests`) or an optimisation. */
export interface StreamTarget {
  kind: "backtests" | "optimizations";
  id: string;
}

/** An event of either kind (the fields the page reads). */
export interface LiveEvent {
  event_id: number;
  type: string;
  timestamp: string;
  payload: Record<string, unknown>;
}

/** What the caller hears. */
export interface LiveEventHandlers {
  onEvent(event: LiveEvent): void;
  /** A connection opened (the first, or a resume). */
  onOpen(): void;
  /** The stream ended without its terminal event (wrong key, unknown target, gave up). */
  onFailure(message: string): void;
  /** The stream ended normally after a terminal `state` event. */
  onEnd?(): void;
}

function isTerminal(event: LiveEvent): boolean {
  return event.type === "state" && TERMINAL.has(String(event.payload.state));
}

function streamOverSse(target: StreamTarget, apiKey: string, after: () => number, handlers: LiveEventHandlers, signal: AbortSignal, deliver: (e: LiveEvent) => void): void {
  const query = new URLSearchParams({ last_event_id: String(after()) });
  if (apiKey !== "") query.set("api_key", apiKey);
  const source = new EventSource(apiUrl(`/v1/${target.kind}/${encodeURIComponent(target.id)}/stream?${query}`));
  signal.addEventListener("abort", () => source.close(), { once: true });
  source.onopen = () => handlers.onOpen();
  let afterTerminal = false;
  const end = () => {
    source.close();
    handlers.onEnd?.();
  };
  const onMessage = (message: MessageEvent<string>) => {
    const event = JSON.parse(message.data) as LiveEvent;
    deliver(event);
    afterTerminal = isTerminal(event);
    // A run's terminal event is its last; an optimisation's log may go on (a resume), so its
    // stream ends only when the server closes the response right after a terminal event.
    if (afterTerminal && target.kind === "backtests") end();
  };
  for (const type of EVENT_TYPES[target.kind]) source.addEventListener(type, onMessage as EventListener);
  // EventSource reconnects by itself, sending Last-Event-ID; a 401 ends it for good.
  source.onerror = () => {
    if (afterTerminal) end();
    else if (source.readyState === EventSource.CLOSED) handlers.onFailure("The live stream was refused (check the API key).");
  };
}

/**
 * Follows `target` after event `from` until the end of its stream or until `signal` aborts;
 * returns the last delivered event id (read it after the end to follow on from there).
 */
export function followStream(target: StreamTarget, apiKey: string, handlers: LiveEventHandlers, signal: AbortSignal, from = 0): () => number {
  let last = from;
  const deliver = (event: LiveEvent) => {
    if (event.event_id <= last || signal.aborted) return;
    last = event.event_id;
    handlers.onEvent(event);
  };
  const lastId = () => last;
  const fallBack = () => streamOverSse(target, apiKey, lastId, handlers, signal, deliver);
  if (typeof WebSocket === "undefined") {
    fallBack();
    return lastId;
  }
  const common = {
    baseUrl: apiOrigin(),
    apiKey,
    signal,
    lastEventId: from,
    reconnect: { maxAttempts: 4 },
    onEvent: deliver,
    onState: (state: string) => {
      if (state === "open") handlers.onOpen();
    },
  };
  const stream = target.kind === "backtests" ? streamRun({ ...common, runId: target.id }) : streamOptimization({ ...common, optimizationId: target.id });
  stream.done.then(() => handlers.onEnd?.(), (error: unknown) => {
    if (signal.aborted) return;
    const kind = error instanceof RunStreamError ? error.kind : null;
    if (kind === "reconnect_exhausted" || kind === "no_websocket" || kind === "ended") return fallBack();
    handlers.onFailure(kind === "unauthorized" ? "The API key was rejected by the live stream: enter a valid key above." : `Live stream ended: ${(error as Error).message}`);
  });
  return lastId;
}

/** Follows run `runId` from the start until its terminal event or `signal` aborts. */
export function followRun(runId: string, apiKey: string, handlers: LiveEventHandlers, signal: AbortSignal): void {
  followStream({ kind: "backtests", id: runId }, apiKey, handlers, signal);
}
