/**
 * Security headers of API spec §3 on every response. Values are fixed at start-up; a response
 * that set its own `Content-Security-Policy` (HTML pages) keeps it.
 */
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../context.ts";
import { plannedHeaders } from "../header-plan.ts";

/** CSP of API (non-HTML) responses. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

const FIXED_HEADERS: readonly (readonly [string, string])[] = [
  ["Strict-Transport-Security", "max-age=63072000; includeSubDomains; preload"],
  ["X-Content-Type-Options", "nosniff"],
  ["X-Frame-Options", "DENY"],
  ["Referrer-Policy", "no-referrer"],
  ["Permissions-Policy", "geolocation=(), microphone=(), camera=()"],
  ["Cache-Control", "no-store"],
];

/** Sets the security headers on `headers` (keeping an existing CSP), for a response built outside the app. */
export function applySecurityHeaders(headers: Headers): void {
  for (const [name, value] of FIXED_HEADERS) headers.set(name, value);
  if (!headers.has("Content-Security-Policy")) headers.set("Content-Security-Policy", API_CSP);
}

const PLANNED = [...plannedHeaders(FIXED_HEADERS), ...plannedHeaders([["Content-Security-Policy", API_CSP]], true)];

/** Creates the security-headers middleware: the headers go into the request's header plan (see `requestContext`). */
export function securityHeaders(): MiddlewareHandler<AppEnv> {
  return async function securityHeadersMiddleware(c, next) {
    c.get("headerPlan").addAll(PLANNED);
    return next();
  };
}
