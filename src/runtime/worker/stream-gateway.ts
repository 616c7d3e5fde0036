/**
 * The Workers stream gateway: forwards an authenticated stream request (WebSocket or SSE) to the
 * Durable Object that owns the target — a run's (`RUNS`) or an optimisation's (`OPTIMIZATIONS`),
 * both `idFromName(id)` — with trusted facts in internal headers. The object answers 404 (SSE) or
 * closes 4404 (WebSocket) for an id it does not hold. WebSockets are relayed through a socket of
 * the Worker's own (see `socket-relay.ts`).
 */
import { ApiError } from "../../http/errors.ts";
import type { StreamTarget } from "../../http/paths.ts";
import type { StreamGateway } from "../../host.ts";
import { OPTIMIZATION_NOT_FOUND_REASON } from "../../routes/streams/stream-sources.ts";
import { CLOSE_RUN_NOT_FOUND, RUN_NOT_FOUND_REASON } from "../../runs/stream-protocol.ts";
import { sseHeadResponse } from "../../runs/stream-sinks.ts";
import { relayWebSocket } from "./socket-relay.ts";
import { TRUSTED_KEY_ID, TRUSTED_LAST_EVENT_ID, TRUSTED_REQUEST_ID, withoutTrustedHeaders } from "./trusted-headers.ts";

/** The object that serves one target's streams through its `fetch`. */
export interface StreamOwner {
  fetch(request: Request): Promise<Response>;
}

/** Finds the owning object of each kind of target; a kind without one answers "not found". */
export type StreamOwners = { [K in StreamTarget["kind"]]?: (id: string) => StreamOwner };

/** Message of the 404 / reason of the 4404 for an unknown target of each kind. */
const NOT_FOUND_REASONS: Record<StreamTarget["kind"], string> = {
  backtests: RUN_NOT_FOUND_REASON,
  optimizations: OPTIMIZATION_NOT_FOUND_REASON,
};

/** The owner of an id in `namespace` (`idFromName(id)`). */
export function ownerIn<T extends Rpc.DurableObjectBranded | undefined>(namespace: DurableObjectNamespace<T>): (id: string) => StreamOwner {
  return (id) => namespace.get(namespace.idFromName(id));
}

/** Answers a stream request for an unknown target: 404 over SSE, close 4404 over WebSocket. */
function notFound(transport: "websocket" | "sse", reason: string): Response {
  if (transport === "sse") throw new ApiError("not_found", reason);
  const [client, server] = Object.values(new WebSocketPair());
  server.accept();
  server.close(CLOSE_RUN_NOT_FOUND, reason);
  return new Response(null, { status: 101, webSocket: client });
}

/** Creates the gateway over `owners`. */
export function createDurableObjectStreamGateway(owners: StreamOwners): StreamGateway {
  return {
    async open(c, request) {
      const { kind, id } = request.target;
      const reason = NOT_FOUND_REASONS[kind];
      const owner = owners[kind];
      if (owner === undefined) return notFound(request.transport, reason);
      const headers = withoutTrustedHeaders(c.req.raw.headers);
      headers.set(TRUSTED_REQUEST_ID, request.requestId);
      headers.set(TRUSTED_LAST_EVENT_ID, String(request.lastEventId));
      if (request.keyId) headers.set(TRUSTED_KEY_ID, request.keyId);
      if (request.transport === "sse") headers.delete("upgrade");
      const answer = await owner(id).fetch(new Request(`https://${kind}.internal/${request.transport === "sse" ? "events" : "stream"}`, { headers }));
      if (request.transport === "sse" && answer.status === 404) {
        await answer.body?.cancel();
        throw new ApiError("not_found", reason);
      }
      if (request.transport === "sse" && answer.status === 429) {
        // The object is at its subscriber limit; its body is the reason.
        throw new ApiError("too_many_requests", await answer.text(), { headers: { "Retry-After": answer.headers.get("retry-after") ?? "5" } });
      }
      if (request.transport === "sse" && c.req.method === "HEAD" && answer.status === 200) {
        // The object opened a subscription for the probe: end it at once (it frees its slot).
        await answer.body?.cancel();
        return sseHeadResponse();
      }
      // Responses from a stub have immutable headers; rebuild so middleware can add its own.
      if (answer.webSocket) return relayWebSocket(answer.webSocket, new Headers(answer.headers));
      return new Response(answer.body, { status: answer.status, headers: new Headers(answer.headers) });
    },
  };
}
