/**
 * The core of the stream helpers (`streamRun`, `streamOptimization`): one event stream over
 * WebSocket, with resume, de-duplication and gap repair, ending at the stream's terminal event.
 */
import {
  RunStreamError,
  type ReconnectOptions,
  type RunStreamState,
  type WebSocketConstructorLike,
  type WebSocketLike,
} from "./stream-types.ts";

const TERMINAL = new Set(["completed", "failed", "cancelled"]);
const AUTH_REASON = /api key/i;
/** Close code the helper uses when it drops a connection itself to resume after a gap. */
const CLOSE_RESUME = 4000;

/** An event as every stream sends it. */
export interface StreamEventLike {
  event_id: number;
  type: string;
  payload: Record<string, unknown>;
}

/** Options of `openEventStream`: the public options plus what differs between kinds. */
export interface EventStreamOptions<E extends StreamEventLike> {
  /** The URL to (re)connect to, resuming after `lastEventId`. */
  url(lastEventId: number): string;
  /** Lower-case noun of the target, for error messages (`run`, `optimization`). */
  noun: string;
  /**
   * `true`: the stream ends as soon as a terminal `state` event arrives (runs: it is always the
   * last). `false`: it ends when the server closes with 1000 right after a terminal event, since
   * a resumed optimisation's log continues after its `cancelled`/`failed`.
   */
  endOnTerminalEvent: boolean;
  lastEventId?: number;
  WebSocket?: WebSocketConstructorLike;
  reconnect?: ReconnectOptions;
  signal?: AbortSignal;
  onEvent?(event: E): void;
  onState?(state: RunStreamState): void;
}

/** A running subscription (`RunStream` for runs). */
export interface EventStream<E> {
  done: Promise<E>;
  close(): void;
  readonly lastEventId: number;
}

/** Opens the stream and keeps it going until the terminal event, an error, an abort or `close()`. */
export function openEventStream<E extends StreamEventLike>(options: EventStreamOptions<E>): EventStream<E> {
  const Socket = options.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructorLike }).WebSocket;
  const initialDelay = options.reconnect?.initialDelayMs ?? 250;
  const maxDelay = options.reconnect?.maxDelayMs ?? 5000;
  const maxAttempts = options.reconnect?.maxAttempts ?? 10;
  let lastEventId = options.lastEventId ?? 0;
  let socket: WebSocketLike | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let failures = 0;
  let settled = false;
  // The last delivered event when it is terminal (and nothing came after it yet).
  let terminal: E | null = null;
  let resolveDone!: (event: E) => void;
  let rejectDone!: (error: RunStreamError) => void;
  const done = new Promise<E>((resolve, reject) => {
    resolveDone = resolve;
    rejectDone = reject;
  });
  // A caller that only uses `onEvent` and then calls `close()` must not see an unhandled rejection.
  done.catch(() => undefined);

  const finish = (outcome: E | RunStreamError) => {
    if (settled) return;
    settled = true;
    if (timer !== null) clearTimeout(timer);
    options.signal?.removeEventListener("abort", onAbort);
    const open = socket;
    socket = null;
    if (open !== null && open.readyState <= 1) open.close(1000);
    options.onState?.("closed");
    if (outcome instanceof RunStreamError) rejectDone(outcome);
    else resolveDone(outcome);
  };
  const onAbort = () => finish(new RunStreamError("aborted", `The ${options.noun} stream was aborted`));

  const scheduleReconnect = () => {
    failures += 1;
    if (failures > maxAttempts) {
      finish(new RunStreamError("reconnect_exhausted", `Gave up after ${maxAttempts} reconnection attempts`));
      return;
    }
    options.onState?.("reconnecting");
    const ceiling = Math.min(maxDelay, initialDelay * 2 ** (failures - 1));
    timer = setTimeout(() => {
      timer = null;
      connect();
    }, ceiling / 2 + Math.random() * (ceiling / 2));
  };

  const onMessage = (current: WebSocketLike, data: unknown) => {
    if (settled || socket !== current) return;
    const event = parseEvent(data) as E | null;
    if (event === null || event.event_id <= lastEventId) return; // a duplicate (or noise): drop it
    if (event.event_id !== lastEventId + 1) {
      // A gap: drop this connection and resume from the last contiguous id.
      socket = null;
      current.close(CLOSE_RESUME, "gap");
      scheduleReconnect();
      return;
    }
    lastEventId = event.event_id;
    failures = 0;
    options.onEvent?.(event);
    terminal = event.type === "state" && TERMINAL.has(String(event.payload.state)) ? event : null;
    if (terminal !== null && options.endOnTerminalEvent) finish(terminal);
  };

  const onClose = (current: WebSocketLike, code: number, reason: string) => {
    if (settled || socket !== current) return;
    socket = null;
    if (code === 1008) {
      const kind = AUTH_REASON.test(reason) ? "unauthorized" : "policy_violation";
      finish(new RunStreamError(kind, reason || "Policy violation", code));
    } else if (code === 4404) {
      finish(new RunStreamError("not_found", reason || `${options.noun[0].toUpperCase()}${options.noun.slice(1)} not found`, code));
    } else if (code === 1000 && terminal !== null) {
      finish(terminal);
    } else if (code === 1000) {
      finish(new RunStreamError("ended", "The server closed the stream before the terminal event", code));
    } else {
      scheduleReconnect();
    }
  };

  const connect = () => {
    if (settled) return;
    let current: WebSocketLike;
    try {
      current = new Socket!(options.url(lastEventId));
    } catch (error) {
      finish(new RunStreamError("policy_violation", `Cannot open the stream: ${(error as Error).message}`));
      return;
    }
    socket = current;
    current.addEventListener("open", () => {
      if (socket === current && !settled) options.onState?.("open");
    });
    current.addEventListener("message", (event: { data: unknown }) => onMessage(current, event.data));
    current.addEventListener("close", (event: { code: number; reason?: string }) => onClose(current, event.code, event.reason ?? ""));
    // An error is always followed by a close; the close decides.
    current.addEventListener("error", () => undefined);
  };

  if (Socket === undefined) {
    finish(new RunStreamError("no_websocket", "No WebSocket available: pass one (e.g. from the `ws` package) as `WebSocket`"));
  } else if (options.signal?.aborted) {
    onAbort();
  } else {
    options.signal?.addEventListener("abort", onAbort, { once: true });
    options.onState?.("connecting");
    connect();
  }

  return {
    done,
    close: () => finish(new RunStreamError("closed", `The ${options.noun} stream was closed`)),
    get lastEventId() {
      return lastEventId;
    },
  };
}

const decoder = new TextDecoder();

function parseEvent(data: unknown): StreamEventLike | null {
  let text: string;
  if (typeof data === "string") text = data;
  else if (data instanceof ArrayBuffer) text = decoder.decode(data);
  else if (ArrayBuffer.isView(data)) text = decoder.decode(data);
  else return null;
  try {
    const event = JSON.parse(text) as StreamEventLike;
    return typeof event?.event_id === "number" && typeof event.type === "string" ? event : null;
  } catch {
    return null;
  }
}
