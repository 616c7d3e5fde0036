/**
 * Types of the run stream helper: the minimal WebSocket surface it needs (browsers, Deno, and
 * Node's `ws` package all provide it), its options and its typed error.
 */
import type { RunEvent } from "../runs/run-types.ts";

export type { RunEvent };

/** The part of a WebSocket the helper uses; a browser/Deno `WebSocket` and a `ws` socket fit. */
export interface WebSocketLike {
  readonly readyState: number;
  close(code?: number, reason?: string): void;
  // Method syntax on purpose: browser, Deno and `ws` listeners take different event classes.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  addEventListener(type: "open" | "message" | "close" | "error", listener: (event: any) => void): void;
}

/** A WebSocket constructor: `globalThis.WebSocket`, or `WebSocket` from the `ws` package on Node. */
export type WebSocketConstructorLike = new (url: string) => WebSocketLike;

/** Connection state reported through `onState`. */
export type RunStreamState = "connecting" | "open" | "reconnecting" | "closed";

/** Reconnection backoff: delay doubles from `initialDelayMs` up to `maxDelayMs`, with jitter. */
export interface ReconnectOptions {
  /** Default 250. */
  initialDelayMs?: number;
  /** Default 5000. */
  maxDelayMs?: number;
  /** Consecutive failed attempts (no new event in between) before giving up; default 10. */
  maxAttempts?: number;
}

/** Options of `streamRun`. */
export interface RunStreamOptions {
  /** Where the API is served, e.g. `http://127.0.0.1:8787` (a path prefix is kept). */
  baseUrl: string;
  runId: string;
  /** Sent as `?api_key=` (browsers cannot set headers on a WebSocket). */
  apiKey?: string;
  /** Resume point: only events with a greater `event_id` are delivered; default 0 (all). */
  lastEventId?: number;
  /** Injected where there is no global `WebSocket` (Node 20: `WebSocket` from `ws`). */
  WebSocket?: WebSocketConstructorLike;
  reconnect?: ReconnectOptions;
  /** Aborting closes the stream and rejects `done` with kind `aborted`. */
  signal?: AbortSignal;
  /** Every event, in `event_id` order, exactly once. */
  onEvent?(event: RunEvent): void;
  onState?(state: RunStreamState): void;
}

/** A running subscription. */
export interface RunStream {
  /** Resolves with the terminal `state` event; rejects with a `RunStreamError`. */
  done: Promise<RunEvent>;
  /** Stops the stream; `done` rejects with kind `closed` unless it already settled. */
  close(): void;
  /** The id of the last delivered event (the resume point). */
  readonly lastEventId: number;
}

/** Why a stream ended without its terminal event. */
export type RunStreamErrorKind =
  | "unauthorized" // close 1008 with the auth reason
  | "policy_violation" // close 1008 for another reason (e.g. invalid last_event_id)
  | "not_found" // close 4404
  | "aborted" // the signal was aborted
  | "closed" // `close()` was called
  | "ended" // the server closed normally (1000) before the terminal event
  | "reconnect_exhausted" // `maxAttempts` reconnects without progress
  | "no_websocket"; // no WebSocket constructor given and none global

/** The typed rejection of `done` (and of the async iterator). */
export class RunStreamError extends Error {
  override readonly name = "RunStreamError";
  constructor(
    readonly kind: RunStreamErrorKind,
    message: string,
    /** The close code that ended the stream, when one did. */
    readonly closeCode: number | null = null,
  ) {
    super(message);
  }
}
