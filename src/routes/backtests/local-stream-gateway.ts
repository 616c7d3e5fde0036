/**
 * The stream gateway of in-process hosts (Node, Deno, embedding): replays a run's stored events
 * after the resume point and then delivers live ones, over a WebSocket or as Server-Sent Events
 * (API spec §5), through the run domain's subscribers.
 */
import { ApiError } from "../../http/errors.ts";
import type { StreamGateway, WebSocketUpgrader } from "../../host.ts";
import type { RunStatusReader } from "../../runs/run-store.ts";
import type { SocketLimits } from "../../runs/stream-sinks.ts";
import { DEFAULT_SOCKET_LIMITS, sseStream, webSocketSink } from "../../runs/stream-sinks.ts";
import { CLOSE_RUN_NOT_FOUND, RUN_NOT_FOUND_REASON } from "../../runs/stream-protocol.ts";
import type { Subscriber, SubscriberSink } from "../../runs/subscriber.ts";

/** Opens subscriptions (implemented by `RunService`); null for an unknown run. */
export interface StreamSubscriptions {
  subscribe(runId: string, afterId: number, sink: SubscriberSink, backpressure: { retryMs: number; stallMs: number }): Promise<Subscriber | null>;
}

/** Tuning of the WebSocket backpressure (tests lower it). */
export interface StreamLimits extends SocketLimits {
  /** A socket above the high-water mark for this long is closed with 1013. */
  stallMs: number;
  /** Retry interval while above the high-water mark. */
  retryMs: number;
}

/** Default limits: pause above 1 MiB buffered, close after 5 s above it or above 8 MiB. */
export const DEFAULT_STREAM_LIMITS: StreamLimits = { ...DEFAULT_SOCKET_LIMITS, stallMs: 5000, retryMs: 50 };

/** Dependencies of the gateway. */
export interface LocalStreamGatewayDeps {
  store: RunStatusReader;
  upgrade: WebSocketUpgrader;
  /** Without it (status-only stores) a known run's stream is not available. */
  subscriptions?: StreamSubscriptions;
  limits?: StreamLimits;
}

/** Creates the gateway over `store` and `subscriptions`, upgrading WebSockets with the host's `upgrade`. */
export function createLocalStreamGateway(deps: LocalStreamGatewayDeps): StreamGateway {
  const limits = deps.limits ?? DEFAULT_STREAM_LIMITS;
  return {
    async open(c, request) {
      const runId = request.target.id;
      const status = request.target.kind === "backtests" ? await deps.store.getStatus(runId) : null;
      const subscriptions = deps.subscriptions;
      if (status === null || !subscriptions) {
        if (request.transport === "sse") throw new ApiError("not_found", RUN_NOT_FOUND_REASON);
        return deps.upgrade(c, { onOpen: (socket) => socket.close(CLOSE_RUN_NOT_FOUND, RUN_NOT_FOUND_REASON) });
      }
      if (request.transport === "sse") {
        const body = sseStream((sink) => {
          let subscriber: Subscriber | null = null;
          let stopped = false;
          void subscriptions.subscribe(runId, request.lastEventId, sink, { retryMs: 0, stallMs: Number.POSITIVE_INFINITY }).then((s) => {
            subscriber = s;
            if (stopped) s?.stop();
            else if (s === null) sink.end();
          });
          return { pump: () => subscriber?.pump(), stop: () => ((stopped = true), subscriber?.stop()) };
        });
        return new Response(body, { status: 200, headers: { "Content-Type": "text/event-stream; charset=utf-8", "X-Accel-Buffering": "no" } });
      }
      let subscriber: Subscriber | null = null;
      let closed = false;
      return deps.upgrade(c, {
        onOpen: (socket) => {
          const sink = webSocketSink({ send: (t) => socket.send(t), close: (code, reason) => socket.close(code, reason), bufferedAmount: () => socket.bufferedAmount?.() ?? 0 }, limits);
          void subscriptions.subscribe(runId, request.lastEventId, sink, limits).then((s) => {
            subscriber = s;
            if (closed) s?.stop();
            else if (s === null) socket.close(CLOSE_RUN_NOT_FOUND, RUN_NOT_FOUND_REASON);
          });
        },
        onClose: () => {
          closed = true;
          subscriber?.stop();
        },
      });
    },
  };
}
