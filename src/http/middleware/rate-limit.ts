/**
 * Rate limits of API spec §9, as two middlewares around authentication:
 * - `authFailureLimit` (before auth): failed attempts draw from a per-client-IP bucket; while it
 *   is empty every attempt from that IP gets 429 before its key is even checked, so a throttled
 *   client cannot learn whether a key is right (a valid key from that IP waits too).
 * - `rateLimit` (after auth): one bucket per `key_id` (per client IP in development mode).
 * A refused WebSocket upgrade is completed and closed with 1013 (Try Again Later), because
 * browsers never see the status of a rejected handshake.
 */
import type { Context, MiddlewareHandler } from "hono";
import type { WebSocketUpgrader } from "../../host.ts";
import type { AppEnv } from "../context.ts";
import { ApiError, renderError } from "../errors.ts";
import { appPath } from "../mount-prefix.ts";
import { isPublicPath, isWebSocketUpgrade, matchStreamPath } from "../paths.ts";
import type { RateDecision, RateLimiter, RateRule } from "../rate-limit/limiter.ts";
import { refusalHeaders, setRateLimitHeaders } from "../rate-limit/rate-headers.ts";

/** Message of every 429. */
export const TOO_MANY_REQUESTS_MESSAGE = "Too many requests";
/** WebSocket close code of a refused stream (Try Again Later). */
export const WS_TRY_AGAIN_LATER = 1013;

/** Options shared by both middlewares. */
export interface RateLimitOptions {
  limiter: RateLimiter;
  upgradeWebSocket: WebSocketUpgrader;
}

function clientKey(c: Context<AppEnv>): string {
  return c.get("clientIp") ?? "unknown";
}

/** True for a stream upgrade, also before the auth middleware has classified the request. */
function isStreamUpgrade(c: Context<AppEnv>): boolean {
  if (c.get("transport") === "websocket") return true;
  return c.req.method === "GET" && isWebSocketUpgrade(c.req.raw.headers) && matchStreamPath(appPath(c)) !== null;
}

async function refuse(c: Context<AppEnv>, decision: RateDecision, upgradeWebSocket: WebSocketUpgrader): Promise<Response> {
  if (isStreamUpgrade(c)) {
    c.set("transport", "websocket");
    const response = await upgradeWebSocket(c, {
      onOpen: (socket) => socket.close(WS_TRY_AGAIN_LATER, TOO_MANY_REQUESTS_MESSAGE),
    });
    setRateLimitHeaders(response.headers, decision);
    return response;
  }
  throw tooManyRequests(decision);
}

/** The 429 `ApiError` of a refusal, with `Retry-After` and the rate-limit headers. */
export function tooManyRequests(decision: RateDecision): ApiError {
  return new ApiError("too_many_requests", TOO_MANY_REQUESTS_MESSAGE, { headers: refusalHeaders(decision) });
}

/**
 * Throttles failed authentication per client IP (`rule`: `GLOWBACK_AUTH_FAILURE_LIMIT` per
 * window). Goes just before the auth middleware; does nothing in development mode.
 */
export function authFailureLimit(options: RateLimitOptions & { rule: RateRule; authEnabled: boolean }): MiddlewareHandler<AppEnv> {
  const { limiter, rule } = options;
  return async function authFailureLimitMiddleware(c, next) {
    if (!options.authEnabled || isPublicPath(appPath(c))) return next();
    const bucket = `auth:${clientKey(c)}`;
    const known = limiter.refusal(bucket, rule);
    if (known) return refuse(c, known, options.upgradeWebSocket);
    await next();
    // Past the auth middleware a request without a key id was denied (401, or a 1008 close).
    if (c.get("keyId") !== null) return;
    const decision = await limiter.take(bucket, rule);
    if (!decision.allowed && c.res.status === 401) {
      c.res = undefined;
      c.res = renderError(c, tooManyRequests(decision));
      return;
    }
    setRateLimitHeaders(c.get("headerPlan"), decision);
  };
}

/** Limits authenticated traffic per key (per client IP in development mode). Goes after auth. */
export function rateLimit(options: RateLimitOptions & { rule: RateRule }): MiddlewareHandler<AppEnv> {
  const { limiter, rule } = options;
  return async function rateLimitMiddleware(c, next) {
    if (isPublicPath(appPath(c))) return next();
    const keyId = c.get("keyId");
    const decision = await limiter.take(keyId !== null ? `key:${keyId}` : `ip:${clientKey(c)}`, rule);
    if (!decision.allowed) return refuse(c, decision, options.upgradeWebSocket);
    // Planned before the handler runs, so an error response is built with them.
    setRateLimitHeaders(c.get("headerPlan"), decision);
    return next();
  };
}
