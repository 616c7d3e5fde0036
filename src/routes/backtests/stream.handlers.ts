/** Handler of the stream routes: validates the resume point and hands over to the host's gateway. */
import type { OpenAPIHono, RouteConfig } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../../http/context.ts";
import { validationError } from "../../http/errors.ts";
import type { StreamTarget } from "../../http/paths.ts";
import type { StreamGateway, WebSocketUpgrader } from "../../host.ts";
import { CLOSE_POLICY_VIOLATION, parseLastEventId } from "../../runs/stream-protocol.ts";
import { openapiWithLegacy } from "../register.ts";
import { streamRoute } from "./stream.routes.ts";

const INVALID_LAST_EVENT_ID = "Invalid last_event_id: must be a non-negative integer";

/** What a stream route needs. */
export interface StreamRouteDeps {
  streams: StreamGateway;
  upgradeWebSocket: WebSocketUpgrader;
}

/**
 * Registers a stream route (and its legacy alias) for targets of `kind`, whose id is the path
 * parameter `param`: the same protocol, auth and close codes for every kind (API spec §5).
 */
export function registerStreamRoute(
  app: OpenAPIHono<AppEnv>,
  route: RouteConfig,
  target: { kind: StreamTarget["kind"]; param: string },
  deps: StreamRouteDeps,
): void {
  openapiWithLegacy(app, route, async (c: Context<AppEnv>) => {
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
      target: { kind: target.kind, id: c.req.param(target.param) ?? "" },
      transport,
      lastEventId,
      requestId: c.get("requestId"),
      keyId: c.get("keyId"),
    });
  });
}

/** Adds the run stream route (and its legacy alias). */
export function registerStreamRoutes(app: OpenAPIHono<AppEnv>, deps: StreamRouteDeps): void {
  registerStreamRoute(app, streamRoute, { kind: "backtests", param: "run_id" }, deps);
}
