/**
 * The Workers stream gateway: forwards an authenticated stream request (WebSocket or SSE) to the
 * run's Durable Object (`idFromName(run_id)`) with trusted facts in internal headers. The object
 * answers 404 (SSE) or closes 4404 (WebSocket) for a run it does not hold. WebSockets are relayed
 * through a socket of the Worker's own (see `socket-relay.ts`).
 */
import { ApiError } from "../../http/errors.ts";
import type { StreamGateway } from "../../host.ts";
import { RUN_NOT_FOUND_REASON } from "../../runs/stream-protocol.ts";
import type { RunObject } from "./run-object.ts";
import { relayWebSocket } from "./socket-relay.ts";
import { TRUSTED_KEY_ID, TRUSTED_LAST_EVENT_ID, TRUSTED_REQUEST_ID, withoutTrustedHeaders } from "./trusted-headers.ts";

/** Creates the gateway over the `RUNS` namespace. */
export function createDurableObjectStreamGateway(runs: DurableObjectNamespace<RunObject>): StreamGateway {
  return {
    async open(c, request) {
      const stub = runs.get(runs.idFromName(request.target.id));
      const headers = withoutTrustedHeaders(c.req.raw.headers);
      headers.set(TRUSTED_REQUEST_ID, request.requestId);
      headers.set(TRUSTED_LAST_EVENT_ID, String(request.lastEventId));
      if (request.keyId) headers.set(TRUSTED_KEY_ID, request.keyId);
      if (request.transport === "sse") headers.delete("upgrade");
      const answer = await stub.fetch(new Request(`https://run.internal/${request.transport === "sse" ? "events" : "stream"}`, { headers }));
      if (request.transport === "sse" && answer.status === 404) {
        await answer.body?.cancel();
        throw new ApiError("not_found", RUN_NOT_FOUND_REASON);
      }
      if (request.transport === "sse" && answer.status === 429) {
        // The run's object is at its subscriber limit; its body is the reason.
        throw new ApiError("too_many_requests", await answer.text(), { headers: { "Retry-After": answer.headers.get("retry-after") ?? "5" } });
      }
      // Responses from a stub have immutable headers; rebuild so middleware can add its own.
      if (answer.webSocket) return relayWebSocket(answer.webSocket, new Headers(answer.headers));
      return new Response(answer.body, { status: answer.status, headers: new Headers(answer.headers) });
    },
  };
}
