/**
 * CORS of API spec §9, only when `GLOWBACK_CORS_ORIGINS` is set. An allowed `Origin` is echoed;
 * preflights (`OPTIONS` + `Access-Control-Request-Method`) are answered here with 204, before
 * authentication and rate limits; other origins get no CORS headers. Without configured origins
 * the middleware is a no-op and `OPTIONS` is served (and authenticated) like any request.
 */
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../context.ts";

/** Methods a browser may use cross-origin. */
export const CORS_ALLOW_METHODS = "GET, HEAD, POST, PUT, PATCH, DELETE";
/** Request headers a browser may send cross-origin. */
export const CORS_ALLOW_HEADERS = "Authorization, X-API-Key, X-Request-ID, Content-Type";
/** Response headers scripts may read. */
export const CORS_EXPOSE_HEADERS =
  "X-Request-ID, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset, Retry-After, Location, Link, ETag";
/** How long a browser may cache a preflight answer, seconds. */
export const CORS_MAX_AGE = "600";

/** Options of `cors`. */
export interface CorsOptions {
  /** Allowed origins (`scheme://host[:port]`), or `*` for any; empty disables CORS. */
  origins: readonly string[];
}

/** Creates the CORS middleware. */
export function cors(options: CorsOptions): MiddlewareHandler<AppEnv> {
  const anyOrigin = options.origins.includes("*");
  const allowed = new Set(options.origins.map((origin) => origin.toLowerCase()));
  const isAllowed = (origin: string | undefined): origin is string =>
    origin !== undefined && (anyOrigin || allowed.has(origin.toLowerCase()));
  const enabled = options.origins.length > 0;
  return async function corsMiddleware(c, next) {
    if (!enabled) return next();
    const origin = c.req.header("origin");
    if (c.req.method === "OPTIONS" && c.req.header("access-control-request-method") !== undefined) {
      const headers = new Headers({ Vary: "Origin" });
      if (isAllowed(origin)) {
        headers.set("Access-Control-Allow-Origin", origin);
        headers.set("Access-Control-Allow-Methods", CORS_ALLOW_METHODS);
        headers.set("Access-Control-Allow-Headers", CORS_ALLOW_HEADERS);
        headers.set("Access-Control-Max-Age", CORS_MAX_AGE);
      }
      return new Response(null, { status: 204, headers });
    }
    await next();
    c.res.headers.append("Vary", "Origin");
    if (!isAllowed(origin)) return;
    c.res.headers.set("Access-Control-Allow-Origin", origin);
    c.res.headers.set("Access-Control-Expose-Headers", CORS_EXPOSE_HEADERS);
  };
}
