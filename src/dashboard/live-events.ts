/**
 * A run's live events: the client's `streamRun` over WebSocket (resuming with `last_event_id`
 * after drops); when WebSocket is unavailable or keeps failing, Server-Sent Events from the same
 * point. Either way each `event_id` is delivered once, in order, until the terminal state.
 */
import { RunStreamError, streamRun } from "../client/stream.ts";
import type { RunEvent } from "./types.ts";

const TERMINAL = new Set(["completed", "failed", "cancelled"]);

/** What the caller hears. */
export interface LiveEventHandlers {
  onEvent(event: RunEvent): void;
  /** A connection opened (the first, or a resume). */
  onOpen(): void;
  /** The stream ended without its terminal event (wrong key, unknown run, gave up). */
  onFailure(message: string): void;
}

function isTerminal(event: RunEvent): boolean {
  return event.type === "state" && TERMINAL.has(String(event.payload.state));
}

function streamOverSse(runId: string, apiKey: string, after: number, handlers: LiveEventHandlers, signal: AbortSignal, deliver: (e: RunEvent) => void): void {
  const query = new URLSearchParams({ last_event_id: String(after) });
  if (apiKey !== "") query.set("api_key", apiKey);
  const source = new EventSource(`/v1/backtests/${encodeURIComponent(runId)}/stream?${query}`);
  signal.addEventListener("abort", () => source.close(), { once: true });
  source.onopen = () => handlers.onOpen();
  const onMessage = (message: MessageEvent<string>) => {
    const event = JSON.parse(message.data) as RunEvent;
    deliver(event);
    if (isTerminal(event)) source.close();
  };
  for (const type of ["state", "progress", "metric", "log"]) source.addEventListener(type, onMessage as EventListener);
  // EventSource reconnects by itself, sending Last-Event-ID; a 401 ends it for good.
  source.onerror = () => {
    if (source.readyState === EventSource.CLOSED) handlers.onFailure("The live stream was refused (check the API key).");
  };
}

/** Follows run `runId` from the start until its terminal event or `signal` aborts. */
export function followRun(runId: string, apiKey: string, handlers: LiveEventHandlers, signal: AbortSignal): void {
  let last = 0;
  const deliver = (event: RunEvent) => {
    if (event.event_id <= last || signal.aborted) return;
    last = event.event_id;
    handlers.onEvent(event);
  };
  const fallBack = () => streamOverSse(runId, apiKey, last, handlers, signal, deliver);
  if (typeof WebSocket === "undefined") return fallBack();
  const stream = streamRun({
    baseUrl: location.origin,
    runId,
    apiKey,
    signal,
    reconnect: { maxAttempts: 4 },
    onEvent: deliver,
    onState: (state) => {
      if (state === "open") handlers.onOpen();
    },
  });
  stream.done.catch((error: unknown) => {
    if (signal.aborted) return;
    const kind = error instanceof RunStreamError ? error.kind : null;
    if (kind === "reconnect_exhausted" || kind === "no_websocket" || kind === "ended") return fallBack();
    handlers.onFailure(kind === "unauthorized" ? "The API key was rejected by the live stream: enter a valid key above." : `Live stream ended: ${(error as Error).message}`);
  });
}
