/**
 * The streams an owning Durable Object serves for its event log (API spec §5): hibernatable
 * WebSockets through a `SocketFanout` (cursor in each socket's attachment) and Server-Sent Events
 * through a portable `Subscriber`, from the trusted resume point the Worker forwarded, within the
 * per-target subscriber limit. Used by the run and the optimisation objects.
 */
import { tooManySubscribersReason, STREAM_RETRY_AFTER_SECONDS } from "../../routes/backtests/stream-quota.ts";
import { clientFrameGuard } from "../../runs/client-frames.ts";
import type { EventHub } from "../../runs/event-hub.ts";
import { SSE_HEADERS, sseStream } from "../../runs/stream-sinks.ts";
import { CLOSE_POLICY_VIOLATION, CLOSE_RUN_NOT_FOUND, CLOSE_TRY_AGAIN, parseLastEventId } from "../../runs/stream-protocol.ts";
import { Subscriber } from "../../runs/subscriber.ts";
import { attachmentOf, SocketFanout } from "./socket-fanout.ts";
import { TRUSTED_LAST_EVENT_ID } from "./trusted-headers.ts";

/** Interval of `: keep-alive` lines on an idle SSE stream. */
const SSE_KEEP_ALIVE_MS = 20_000;

/** What the streams of one object need. */
export interface ObjectStreamsDeps {
  ctx: DurableObjectState;
  maxSubscribers: number;
  /** Reason of the 4404 close for an id the object does not hold. */
  notFoundReason: string;
  /** Reason of the 1000 close after the terminal event. */
  finishedReason: string;
  /** The held target (its id and event hub), or null when the object holds none. */
  target(): { id: string; hub: EventHub } | null;
  /** Whether the target is terminal and `cursor` is at or past its last event. */
  isFinished(cursor: number): Promise<boolean>;
}

/** The stream side of one object. */
export class ObjectStreams {
  readonly fanout: SocketFanout;
  private sseStreams = 0;
  /** Client-frame rate per socket; lost on hibernation, which only resets the one-second window. */
  private readonly frameGuards = new WeakMap<WebSocket, ReturnType<typeof clientFrameGuard>>();

  constructor(private readonly deps: ObjectStreamsDeps) {
    this.fanout = new SocketFanout({
      sockets: () => deps.ctx.getWebSockets(),
      read: async (afterId, limit) => {
        const target = deps.target();
        return target === null ? [] : target.hub.read(target.id, afterId, limit);
      },
      isFinished: (cursor) => deps.isFinished(cursor),
      finishedReason: deps.finishedReason,
    });
  }

  /** Answers a forwarded stream request: a hibernatable WebSocket on upgrade, else SSE. */
  fetch(request: Request): Response {
    const upgrade = request.headers.get("upgrade")?.toLowerCase() === "websocket";
    const afterId = parseLastEventId(request.headers.get(TRUSTED_LAST_EVENT_ID)) ?? 0;
    const target = this.deps.target();
    const full = this.subscriberCount() >= this.deps.maxSubscribers;
    if (!upgrade) {
      if (target === null) return new Response(null, { status: 404 });
      if (full) return new Response(tooManySubscribersReason(this.deps.maxSubscribers), { status: 429, headers: { "Retry-After": String(STREAM_RETRY_AFTER_SECONDS) } });
      return this.sse(target, afterId);
    }
    const [client, server] = Object.values(new WebSocketPair());
    if (target === null || full) {
      // A plain socket: there is no cursor to keep, and nothing is stored for an unknown id.
      server.accept();
      if (target === null) server.close(CLOSE_RUN_NOT_FOUND, this.deps.notFoundReason);
      else server.close(CLOSE_TRY_AGAIN, tooManySubscribersReason(this.deps.maxSubscribers));
      return new Response(null, { status: 101, webSocket: client });
    }
    this.deps.ctx.acceptWebSocket(server);
    server.serializeAttachment({ cursor: afterId });
    // Send once the 101 is on its way (the Worker relays the socket, see `socket-relay.ts`).
    setTimeout(() => this.fanout.pump(), 0);
    return new Response(null, { status: 101, webSocket: client });
  }

  /** Clients have nothing to say on the stream: frames are ignored, within bounds. */
  message(ws: WebSocket, message: string | ArrayBuffer): void {
    let check = this.frameGuards.get(ws);
    if (check === undefined) this.frameGuards.set(ws, (check = clientFrameGuard()));
    const violation = check(message);
    if (violation === null) return;
    try {
      ws.close(CLOSE_POLICY_VIOLATION, violation);
    } catch {
      // already closed
    }
  }

  /** With the hibernation API the server must echo the close, or the client never sees it. */
  close(ws: WebSocket, code: number, reason: string): void {
    try {
      ws.close(code === 1005 ? 1000 : code, reason);
    } catch {
      // already closed
    }
  }

  private sse(target: { id: string; hub: EventHub }, afterId: number): Response {
    this.sseStreams += 1;
    let counted = true;
    const release = () => {
      if (counted) this.sseStreams -= 1;
      counted = false;
    };
    const body = sseStream(
      (inner) => {
        const sink = { ...inner, end: () => (inner.end(), release()), overflow: () => (inner.overflow(), release()) };
        const subscriber = new Subscriber(target.hub, target.id, afterId, sink, { retryMs: 0, stallMs: Number.POSITIVE_INFINITY }, (c) => this.deps.isFinished(c));
        subscriber.start();
        return { pump: () => subscriber.pump(), stop: () => (release(), subscriber.stop()) };
      },
      { keepAliveMs: SSE_KEEP_ALIVE_MS },
    );
    return new Response(body, { status: 200, headers: SSE_HEADERS });
  }

  /** Open streams: sockets not yet closed by the server, plus SSE streams. */
  private subscriberCount(): number {
    let sockets = 0;
    for (const ws of this.deps.ctx.getWebSockets()) if (attachmentOf(ws)?.done !== true) sockets += 1;
    return sockets + this.sseStreams;
  }
}
