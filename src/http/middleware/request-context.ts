/**
 * First middleware: assigns the request id (API spec §3), resolves `client_ip` (§6), and writes
 * the `event: "request"` audit line once the response is known.
 */
import type { MiddlewareHandler } from "hono";
import type { ConnectionIpResolver } from "../../host.ts";
import type { Logger } from "../../logging/logger.ts";
import { redactPath } from "../../logging/redact.ts";
import type { AppEnv } from "../context.ts";
import { HeaderPlan } from "../header-plan.ts";
import { isWebSocketUpgrade } from "../paths.ts";

const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Options of `requestContext`. */
export interface RequestContextOptions {
  logger: Logger;
  connectionIp: ConnectionIpResolver;
  /** Trusted proxy hops (`Config.trustProxy`); 0 ignores `X-Forwarded-For`. */
  trustProxy: number;
  /** Monotonic clock in ms, for `duration_ms`. */
  now?: () => number;
}

/** The client's `X-Request-ID` when valid, else a new UUID. */
export function resolveRequestId(header: string | null): string {
  return header !== null && CLIENT_REQUEST_ID.test(header) ? header : crypto.randomUUID();
}

/** Characters node-server may pass through unnormalised that the URL serialiser would encode (`'` in a query) or split off (`#`). */
const NOT_SERIALISED = /['#]/;

/**
 * `url.pathname + url.search` of an absolute http(s) URL string, without parsing it into a `URL`
 * when the string is already in serialised form (the common case); otherwise parsed.
 */
export function pathAndQuery(url: string): string {
  const authority = url.indexOf("://");
  const pathStart = authority < 0 ? -1 : url.indexOf("/", authority + 3);
  if (pathStart < 0 || NOT_SERIALISED.test(url)) {
    const parsed = new URL(url);
    return parsed.pathname + parsed.search;
  }
  const rest = pathStart === 0 ? url : url.slice(pathStart);
  // An empty query (`/p?`) has `search === ""`.
  return rest.indexOf("?") === rest.length - 1 ? rest.slice(0, -1) : rest;
}

/**
 * The client address behind `hops` trusted proxies: the `hops`-th `X-Forwarded-For` entry from the
 * right (each proxy appends the address it saw), or the left-most when there are fewer entries.
 */
export function forwardedFor(header: string | null, hops: number): string | null {
  if (header === null || hops <= 0) return null;
  const entries = header.split(",");
  const entry = entries[Math.max(0, entries.length - hops)]?.trim();
  return entry ? entry : null;
}

/** Creates the request-context middleware. */
export function requestContext(options: RequestContextOptions): MiddlewareHandler<AppEnv> {
  const now = options.now ?? (() => performance.now());
  return async function requestContextMiddleware(c, next) {
    const started = now();
    const requestId = resolveRequestId(c.req.header("x-request-id") ?? null);
    const proxied = options.trustProxy > 0 ? forwardedFor(c.req.header("x-forwarded-for") ?? null, options.trustProxy) : null;
    c.set("requestId", requestId);
    c.set("clientIp", proxied ?? options.connectionIp(c));
    c.set("keyId", null);
    c.set("transport", "http");
    c.set("logger", options.logger);
    const plan = new HeaderPlan();
    plan.set("X-Request-ID", requestId);
    c.set("headerPlan", plan);
    // Read everything needed from the request now: after a WebSocket upgrade some hosts (Deno)
    // no longer allow access to it.
    const wantsUpgrade = isWebSocketUpgrade(c.req.raw.headers);
    const method = c.req.method;
    const path = redactPath(pathAndQuery(c.req.url));
    c.set("logPath", path);
    await next();
    plan.applyTo(c.res);
    const upgraded = wantsUpgrade && (c.res.status === 101 || c.get("transport") === "websocket");
    options.logger.info({
      event: "request",
      request_id: requestId,
      method,
      path,
      status: upgraded && c.res.status < 300 ? 101 : c.res.status,
      duration_ms: Math.round((now() - started) * 1000) / 1000,
      client_ip: c.get("clientIp"),
    });
  };
}
