/**
 * The stream gateway of in-process hosts (Node, Deno, embedding): looks the run up in the local
 * store and answers on the requested transport.
 */
import { ApiError } from "../../http/errors.ts";
import type { StreamGateway, WebSocketUpgrader } from "../../host.ts";
import type { RunStore } from "../../runs/run-store.ts";
import { CLOSE_RUN_NOT_FOUND, RUN_NOT_FOUND_REASON } from "../../runs/stream-protocol.ts";

/** Creates the gateway over `store`, upgrading WebSockets with the host's `upgrade`. */
export function createLocalStreamGateway(deps: { store: RunStore; upgrade: WebSocketUpgrader }): StreamGateway {
  return {
    async open(c, request) {
      const status = request.target.kind === "backtests" ? await deps.store.getStatus(request.target.id) : null;
      if (status === null) {
        if (request.transport === "sse") throw new ApiError("not_found", RUN_NOT_FOUND_REASON);
        return deps.upgrade(c, { onOpen: (socket) => socket.close(CLOSE_RUN_NOT_FOUND, RUN_NOT_FOUND_REASON) });
      }
      // Replay and live delivery of a run's events arrive with the run domain.
      throw new ApiError("not_found", RUN_NOT_FOUND_REASON);
    },
  };
}
