/**
 * Where a request's API key is read from (API spec §2): `Authorization: Bearer`, then
 * `X-API-Key`, then — on stream endpoints only — the `api_key` query parameter. First present wins.
 */

/** Where a presented key came from. */
export type CredentialSource = "bearer" | "x-api-key" | "query";

/** The outcome of reading a request's credential. */
export interface CredentialLookup {
  /** The presented key, or null when none of the allowed sources carries one. */
  key: string | null;
  source: CredentialSource | null;
  /** True when only a non-credential `?api_key=` was sent (non-stream route). */
  queryKeyIgnored: boolean;
}

const AUTHORIZATION = /^\s*([^\s]+)(?:\s+(.*))?$/s;

function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const match = AUTHORIZATION.exec(header);
  if (!match || match[1].toLowerCase() !== "bearer") return null;
  const token = (match[2] ?? "").trim();
  return token.length > 0 ? token : null;
}

function nonEmpty(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

/**
 * Reads the credential of a request; `allowQuery` is true only on stream endpoints. `queryKey`
 * returns the `api_key` query value; it is called only when no header carries a key.
 */
export function readCredential(headers: Headers, queryKey: () => string | null | undefined, allowQuery: boolean): CredentialLookup {
  const bearer = bearerToken(headers.get("authorization") ?? undefined);
  if (bearer) return { key: bearer, source: "bearer", queryKeyIgnored: false };
  const headerKey = nonEmpty(headers.get("x-api-key"));
  if (headerKey) return { key: headerKey, source: "x-api-key", queryKeyIgnored: false };
  const fromQuery = nonEmpty(queryKey());
  if (fromQuery && allowQuery) return { key: fromQuery, source: "query", queryKeyIgnored: false };
  return { key: null, source: null, queryKeyIgnored: fromQuery !== null };
}
