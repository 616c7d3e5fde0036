/** Handler of the stream route: validates the resume point and hands over to the host's gateway. */
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../../http/context.ts";
import { validationError } from "../../http/errors.ts";
import type { StreamGateway, WebSocketUpgrader } from "../../host.ts";
import { CLOSE_POLICY_VIOLATION, parseLastEventId } from "../../runs/stream-protocol.ts";
import { openapiWithLegacy } from "../register.ts";
import { streamRoute } from "./stream.routes.ts";

const INVALID_LAST_EVENT_ID = "Invalid last_event_id: must be a non-negative integer";

/** Adds the stream route (and its legacy alias). */
export function registerStreamRoutes(
  app: OpenAPIHono<AppEnv>,
  deps: { streams: StreamGateway; upgradeWebSocket: WebSocketUpgrader },
): void {
  openapiWithLegacy(app, streamRoute, async (c: Context<AppEnv>) => {
    const transport = c.get("transport") === "websocket" ? "websocket" : "sse";
    const raw = c.req.query("last_event_id") ?? (transport === "sse" ? c.req.header("last-event-id") : undefined);
    const lastEventId = parseLastEventId(raw);
    if (lastEventId === null) {
      if (transport === "websocket") {
        return deps.upgradeWebSocket(c, { onOpen: (socket) => socket.close(CLOSE_POLICY_VIOLATION, INVALID_LAST_EVENT_ID) });
      }
      const loc = c.req.query("last_event_id") !== undefined ? ["query", "last_event_id"] : ["header", "Last-Event-ID"];
      throw validationError([{ loc, msg: INVALID_LAST_EVENT_ID, type: "value_error" }]);
    }
    return deps.streams.open(c, {
      target: { kind: "backtests", id: c.req.param("run_id") ?? "" },
      transport,
      lastEventId,
      requestId: c.get("requestId"),
      keyId: c.get("keyId"),
    });
  });
}
