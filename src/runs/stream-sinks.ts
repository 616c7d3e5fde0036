/**
 * The two sinks of the event stream (API spec §5): a WebSocket (one JSON text frame per event,
 * bounded by the socket's `bufferedAmount`) and Server-Sent Events (a `ReadableStream` whose
 * `pull` drives the pump, so the consumer's pace is the natural backpressure).
 */
import { eventJson } from "./event-json.ts";
import type { StreamEvent } from "./stream-protocol.ts";
import { CLOSE_COMPLETED, CLOSE_TRY_AGAIN } from "./stream-protocol.ts";
import type { SinkCapacity, SubscriberSink } from "./subscriber.ts";

/** The part of a server WebSocket the sink needs (structurally `ServerSocket` of `src/host.ts`). */
export interface SocketLike {
  send(text: string): void;
  /** Sends several text frames in order, in one network write where the host can (see `ServerSocket`). */
  sendAll?(texts: readonly string[]): void;
  close(code: number, reason: string): void;
  bufferedAmount(): number;
}

/** Memory bounds of a WebSocket subscriber. */
export interface SocketLimits {
  /** Above this many buffered bytes the pump pauses. */
  highWaterBytes: number;
  /** Above this many buffered bytes the subscriber is closed at once. */
  hardCapBytes: number;
}

/** Default bounds: pause at 1 MiB buffered, close at 8 MiB. */
export const DEFAULT_SOCKET_LIMITS: SocketLimits = { highWaterBytes: 1 << 20, hardCapBytes: 8 << 20 };

/** Reason of a 1013 close. */
export const TOO_SLOW_REASON = "Subscriber too slow; resume with last_event_id";

/** A sink over a WebSocket. */
export function webSocketSink(socket: SocketLike, limits: SocketLimits = DEFAULT_SOCKET_LIMITS): SubscriberSink {
  return {
    capacity(): SinkCapacity {
      const buffered = socket.bufferedAmount();
      if (buffered > limits.hardCapBytes) return "overflow";
      return buffered > limits.highWaterBytes ? "full" : "open";
    },
    send(events) {
      if (socket.sendAll && events.length > 1) socket.sendAll(events.map(eventJson));
      else for (const event of events) socket.send(eventJson(event));
    },
    end: () => socket.close(CLOSE_COMPLETED, "Run finished"),
    overflow: () => socket.close(CLOSE_TRY_AGAIN, TOO_SLOW_REASON),
  };
}

/** Headers of an SSE response (`X-Accel-Buffering: no` keeps nginx from buffering the stream). */
export const SSE_HEADERS: Readonly<Record<string, string>> = { "Content-Type": "text/event-stream; charset=utf-8", "X-Accel-Buffering": "no" };

/**
 * The answer to `HEAD` on a stream: the SSE response's status and headers without opening a
 * subscription, whose body nobody would read (and whose stream slot would never be given back).
 */
export function sseHeadResponse(): Response {
  return new Response(null, { status: 200, headers: SSE_HEADERS });
}

/** One event in SSE framing. */
export function formatSseEvent(event: StreamEvent): string {
  return `id: ${event.event_id}\nevent: ${event.type}\ndata: ${eventJson(event)}\n\n`;
}

/** Bytes the SSE stream may queue before `pull` stops being called. */
const SSE_HIGH_WATER = 64 * 1024;

/** The SSE comment line sent on an idle stream so proxies keep the connection open. */
export const SSE_KEEP_ALIVE = ": keep-alive\n\n";

/**
 * An SSE body: `attach` receives the sink and a `pump` function once the stream exists; `pull`
 * pumps, `cancel` (client gone) calls `onCancel`. With `keepAliveMs`, a `: keep-alive` comment
 * line is sent at that interval while the consumer keeps up (ignored by `EventSource`).
 */
export function sseStream(attach: (sink: SubscriberSink) => { pump(): void; stop(): void }, options: { keepAliveMs?: number } = {}): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let handle: { pump(): void; stop(): void } | null = null;
  let closed = false;
  let keepAlive: ReturnType<typeof setInterval> | null = null;
  const stopKeepAlive = () => {
    if (keepAlive !== null) clearInterval(keepAlive);
    keepAlive = null;
  };
  const sink: SubscriberSink = {
    capacity: () => (closed ? "overflow" : (controller.desiredSize ?? 0) > 0 ? "open" : "full"),
    send(events) {
      if (!closed) controller.enqueue(encoder.encode(events.map(formatSseEvent).join("")));
    },
    end() {
      if (closed) return;
      closed = true;
      stopKeepAlive();
      controller.close();
    },
    overflow() {
      if (closed) return;
      closed = true;
      stopKeepAlive();
      controller.close();
    },
  };
  return new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c;
        const interval = options.keepAliveMs;
        if (interval !== undefined && interval > 0 && Number.isFinite(interval)) {
          const comment = encoder.encode(SSE_KEEP_ALIVE);
          keepAlive = setInterval(() => {
            // A consumer that stopped reading gets nothing more queued, not even comments.
            if (!closed && (controller.desiredSize ?? 0) > 0) controller.enqueue(comment);
          }, interval);
        }
        handle = attach(sink);
      },
      pull() {
        handle?.pump();
      },
      cancel() {
        closed = true;
        stopKeepAlive();
        handle?.stop();
      },
    },
    { highWaterMark: SSE_HIGH_WATER, size: (chunk) => chunk.byteLength },
  );
}
