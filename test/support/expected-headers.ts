/**
 * The header values API spec §3 requires on every API response, written out from the spec
 * (not imported from src) so a changed value in the code fails the host suites.
 */

/** Security headers of every API (non-HTML) response, keyed by lower-case name. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "strict-transport-security": "max-age=63072000; includeSubDomains; preload",
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "no-referrer",
  "permissions-policy": "geolocation=(), microphone=(), camera=()",
  "cache-control": "no-store",
  "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
};

/** `WWW-Authenticate` of a 401 without a key. */
export const CHALLENGE_MISSING = 'Bearer realm="glowback"';
/** `WWW-Authenticate` of a 401 with a wrong key. */
export const CHALLENGE_INVALID = 'Bearer realm="glowback", error="invalid_token"';
/** Close reason (code 1008) of a WebSocket that failed authentication. */
export const WS_AUTH_REASON = "Invalid or missing API key";

/** Picks the security headers from a header lookup, for one exact `toEqual`. */
export function securityHeadersOf(get: (name: string) => string | null | undefined): Record<string, string | null> {
  const found: Record<string, string | null> = {};
  for (const name of Object.keys(SECURITY_HEADERS)) found[name] = get(name) ?? null;
  return found;
}
