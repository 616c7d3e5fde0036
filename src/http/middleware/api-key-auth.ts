/**
 * API-key authentication (API spec §2) with its audit line (§6). Public routes pass untouched;
 * stream endpoints also accept `?api_key=`; a failed WebSocket check completes the upgrade and
 * closes with 1008 so browsers see the code.
 */
import type { Context, MiddlewareHandler } from "hono";
import type { WebSocketUpgrader } from "../../host.ts";
import type { Logger } from "../../logging/logger.ts";
import { readCredential } from "../auth/credentials.ts";
import type { KeyRing } from "../auth/key-ring.ts";
import type { AppEnv, Transport } from "../context.ts";
import { ApiError } from "../errors.ts";
import { appPath } from "../mount-prefix.ts";
import { isPublicPath, isWebSocketUpgrade, matchStreamPath } from "../paths.ts";

/** Message of every authentication failure. */
export const AUTH_FAILURE_MESSAGE = "Invalid or missing API key";
/** WebSocket close code of an authentication failure (Policy Violation). */
export const WS_POLICY_VIOLATION = 1008;

const QUERY_KEY_MESSAGE =
  "Invalid or missing API key: the api_key query parameter is accepted only on stream endpoints; send the key in the Authorization: Bearer or X-API-Key header";

/** Options of `apiKeyAuth`. */
export interface ApiKeyAuthOptions {
  keyRing: KeyRing;
  logger: Logger;
  upgradeWebSocket: WebSocketUpgrader;
}

function transportOf(c: Context, isStream: boolean): Transport {
  if (!isStream || (c.req.method !== "GET" && c.req.method !== "HEAD")) return "http";
  return isWebSocketUpgrade(c.req.raw.headers) ? "websocket" : "sse";
}

/** Creates the authentication middleware. */
export function apiKeyAuth(options: ApiKeyAuthOptions): MiddlewareHandler<AppEnv> {
  const { keyRing, logger } = options;
  return async function apiKeyAuthMiddleware(c, next) {
    const path = appPath(c);
    if (isPublicPath(path)) return next();
    const isStream = matchStreamPath(path) !== null;
    const transport = transportOf(c, isStream);
    c.set("transport", transport);
    const credential = readCredential(c.req.raw.headers, () => c.req.query("api_key"), isStream);
    const requestId = c.get("requestId");
    const method = c.req.method;
    const logPath = c.get("logPath");
    const clientIp = c.get("clientIp");
    const keyStatus = credential.key === null ? "absent" : "present";
    // Each line is one literal in the audit order (API spec §6), not a spread of a shared object.
    if (keyRing.disabled) {
      logger.info({
        event: "auth", request_id: requestId, method, path: logPath, client_ip: clientIp, key_status: keyStatus, transport,
        outcome: "disabled", auth: "disabled",
      });
      return next();
    }
    let check = credential.key === null ? null : keyRing.check(credential.key);
    if (check instanceof Promise) check = await check;
    if (check?.valid) {
      c.set("keyId", check.keyId);
      logger.info({
        event: "auth", request_id: requestId, method, path: logPath, client_ip: clientIp, key_status: keyStatus, transport,
        outcome: "allowed", key_id: check.keyId,
      });
      return next();
    }
    logger.warn({
      event: "auth", request_id: requestId, method, path: logPath, client_ip: clientIp, key_status: keyStatus, transport,
      outcome: "denied",
    });
    if (transport === "websocket") {
      return options.upgradeWebSocket(c, {
        onOpen: (socket) => socket.close(WS_POLICY_VIOLATION, AUTH_FAILURE_MESSAGE),
      });
    }
    const challenge = credential.key === null ? 'Bearer realm="glowback"' : 'Bearer realm="glowback", error="invalid_token"';
    throw new ApiError("unauthorized", credential.queryKeyIgnored ? QUERY_KEY_MESSAGE : AUTH_FAILURE_MESSAGE, {
      headers: { "WWW-Authenticate": challenge },
    });
  };
}
