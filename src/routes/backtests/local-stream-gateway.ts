/**
 * The stream gateway of in-process hosts (Node, Deno, embedding): replays a run's or an
 * optimisation's stored events after the resume point and then delivers live ones, over a
 * WebSocket or as Server-Sent Events (API spec §5), through the domain's subscribers. It also
 * enforces the stream limits: open connections per stream target and per key (over a limit:
 * WebSocket close 1013, SSE 429), bounded client frames (1008), and keep-alives on idle
 * connections (WebSocket ping, SSE comment line).
 */
import type { Context } from "hono";
import type { AppEnv } from "../../http/context.ts";
import { ApiError } from "../../http/errors.ts";
import type { ServerSocket, StreamGateway, StreamRequest, WebSocketUpgrader } from "../../host.ts";
import type { StreamTarget } from "../../http/paths.ts";
import type { ClientFrameLimits } from "../../runs/client-frames.ts";
import { clientFrameGuard, DEFAULT_CLIENT_FRAME_LIMITS } from "../../runs/client-frames.ts";
import type { RunStatusReader } from "../../runs/run-store.ts";
import type { SocketLimits } from "../../runs/stream-sinks.ts";
import { DEFAULT_SOCKET_LIMITS, SSE_HEADERS, sseHeadResponse, sseStream, webSocketSink } from "../../runs/stream-sinks.ts";
import { CLOSE_COMPLETED, CLOSE_POLICY_VIOLATION, CLOSE_RUN_NOT_FOUND, CLOSE_TRY_AGAIN } from "../../runs/stream-protocol.ts";
import type { Subscriber, SubscriberSink } from "../../runs/subscriber.ts";
import type { OptimizationStatusReader, StreamKindSource, StreamSubscriptions } from "../streams/stream-sources.ts";
import { backtestStreamSource, optimizationStreamSource } from "../streams/stream-sources.ts";
import type { StreamLease, StreamQuotaLimits } from "./stream-quota.ts";
import { STREAM_RETRY_AFTER_SECONDS, StreamQuota, streamOwner } from "./stream-quota.ts";

export type { StreamSubscriptions } from "../streams/stream-sources.ts";

/** Tuning of the WebSocket backpressure, client frames and keep-alives (tests lower them). */
export interface StreamLimits extends SocketLimits {
  /** A socket above the high-water mark for this long is closed with 1013. */
  stallMs: number;
  /** Retry interval while above the high-water mark. */
  retryMs: number;
  /** Interval of WebSocket pings and SSE `: keep-alive` lines, ms; default 20 s; 0 disables. */
  keepAliveMs?: number;
  /** Bounds on client frames; default `DEFAULT_CLIENT_FRAME_LIMITS` (4 KiB, 20 per second). */
  clientFrames?: ClientFrameLimits;
}

/** Default interval of keep-alives on idle streams (below the usual 30–60 s proxy idle timeouts). */
export const DEFAULT_KEEP_ALIVE_MS = 20_000;

/** Default limits: pause above 1 MiB buffered, close after 5 s above it or above 8 MiB. */
export const DEFAULT_STREAM_LIMITS: StreamLimits = { ...DEFAULT_SOCKET_LIMITS, stallMs: 5000, retryMs: 50 };

/** Default connection limits (as in `src/config.ts`). */
export const DEFAULT_STREAM_QUOTA: StreamQuotaLimits = { maxSubscribersPerRun: 1000, maxStreamsPerKey: 100 };

/** Dependencies of the gateway: one source per stream kind. */
export interface LocalStreamGatewayDeps {
  /** Runs: their statuses, and subscriptions (without them a known run's stream is not available). */
  backtests: { store: RunStatusReader; subscriptions?: StreamSubscriptions };
  /** Optimisations; without it every optimisation stream is answered as unknown (4404 / 404). */
  optimizations?: { statuses: OptimizationStatusReader; subscriptions?: StreamSubscriptions };
  upgrade: WebSocketUpgrader;
  limits?: StreamLimits;
  /** Open connections per stream target and per key; default `DEFAULT_STREAM_QUOTA`. */
  quota?: StreamQuotaLimits;
}

/** Creates the gateway over the given sources, upgrading WebSockets with the host's `upgrade`. */
export function createLocalStreamGateway(deps: LocalStreamGatewayDeps): StreamGateway {
  const limits = deps.limits ?? DEFAULT_STREAM_LIMITS;
  const quota = new StreamQuota(deps.quota ?? DEFAULT_STREAM_QUOTA);
  const keepAliveMs = limits.keepAliveMs ?? DEFAULT_KEEP_ALIVE_MS;
  const sources: Record<StreamTarget["kind"], StreamKindSource> = {
    backtests: backtestStreamSource(deps.backtests.store, deps.backtests.subscriptions),
    optimizations: optimizationStreamSource(deps.optimizations?.statuses, deps.optimizations?.subscriptions),
  };
  return {
    async open(c, request) {
      const source = sources[request.target.kind];
      const subscriptions = source.subscriptions;
      if (!subscriptions || !(await source.exists(request.target.id))) {
        if (request.transport === "sse") throw new ApiError("not_found", source.notFoundReason);
        return deps.upgrade(c, { onOpen: (socket) => socket.close(CLOSE_RUN_NOT_FOUND, source.notFoundReason) });
      }
      if (request.transport === "sse" && c.req.method === "HEAD") return sseHeadResponse();
      const owner = streamOwner(request.keyId, (c as Context<AppEnv>).get("clientIp") ?? null);
      const quotaKey = quotaKeyOf(request.target);
      if (request.transport === "sse") {
        const outcome = quota.acquire(quotaKey, owner);
        if ("refused" in outcome) {
          throw new ApiError("too_many_requests", outcome.refused, { headers: { "Retry-After": String(STREAM_RETRY_AFTER_SECONDS) } });
        }
        return openSse(subscriptions, request, outcome.lease, keepAliveMs);
      }
      return openWebSocket(c, deps.upgrade, { source, subscriptions }, request, { quota, quotaKey, owner, limits, keepAliveMs });
    },
  };
}

// Kinds have separate id spaces, so a target is counted under its kind and id.
function quotaKeyOf(target: StreamTarget): string {
  return `${target.kind}:${target.id}`;
}

function openSse(subscriptions: StreamSubscriptions, request: StreamRequest, lease: StreamLease, keepAliveMs: number): Response {
  const body = sseStream(
    (inner) => {
      let subscriber: Subscriber | null = null;
      let stopped = false;
      // The lease ends with the stream, however it ends.
      const sink: SubscriberSink = {
        capacity: () => inner.capacity(),
        send: (events) => inner.send(events),
        end: () => (inner.end(), lease.release()),
        overflow: () => (inner.overflow(), lease.release()),
      };
      void subscriptions.subscribe(request.target.id, request.lastEventId, sink, { retryMs: 0, stallMs: Number.POSITIVE_INFINITY }).then((s) => {
        subscriber = s;
        if (stopped) s?.stop();
        else if (s === null) sink.end();
      });
      return { pump: () => subscriber?.pump(), stop: () => ((stopped = true), lease.release(), subscriber?.stop()) };
    },
    { keepAliveMs },
  );
  return new Response(body, { status: 200, headers: SSE_HEADERS });
}

interface SocketPolicy {
  quota: StreamQuota;
  quotaKey: string;
  owner: string;
  limits: StreamLimits;
  keepAliveMs: number;
}

function openWebSocket(
  c: Context,
  upgrade: WebSocketUpgrader,
  { source, subscriptions }: { source: StreamKindSource; subscriptions: StreamSubscriptions },
  request: StreamRequest,
  policy: SocketPolicy,
): Response | Promise<Response> {
  const { limits } = policy;
  let subscriber: Subscriber | null = null;
  let closed = false;
  let lease: StreamLease | null = null;
  let ping: ReturnType<typeof setInterval> | null = null;
  const checkFrame = clientFrameGuard(limits.clientFrames ?? DEFAULT_CLIENT_FRAME_LIMITS);
  return upgrade(c, {
    onOpen: (socket: ServerSocket) => {
      // Counted from the open to the close, so a handshake that never completes holds nothing.
      const outcome = policy.quota.acquire(policy.quotaKey, policy.owner);
      if ("refused" in outcome) return socket.close(CLOSE_TRY_AGAIN, outcome.refused);
      lease = outcome.lease;
      if (socket.ping && policy.keepAliveMs > 0) ping = setInterval(() => socket.ping?.(), policy.keepAliveMs);
      const inner = webSocketSink({
        send: (t) => socket.send(t),
        sendAll: socket.sendAll?.bind(socket),
        close: (code, reason) => socket.close(code, reason),
        bufferedAmount: () => socket.bufferedAmount?.() ?? 0,
      }, limits);
      const sink: SubscriberSink = { ...inner, end: () => socket.close(CLOSE_COMPLETED, source.finishedReason) };
      void subscriptions.subscribe(request.target.id, request.lastEventId, sink, limits).then((s) => {
        subscriber = s;
        if (closed) s?.stop();
        else if (s === null) socket.close(CLOSE_RUN_NOT_FOUND, source.notFoundReason);
      });
    },
    onMessage: (data, socket) => {
      // Clients have nothing to say on the stream: frames are ignored, within bounds.
      const violation = checkFrame(data);
      if (violation !== null) socket.close(CLOSE_POLICY_VIOLATION, violation);
    },
    onClose: () => {
      closed = true;
      if (ping !== null) clearInterval(ping);
      ping = null;
      lease?.release();
      subscriber?.stop();
    },
  });
}
