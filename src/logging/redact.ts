/** Redaction of credentials from anything that is logged. */

const REDACTED = "[REDACTED]";

function decodedName(rawName: string): string {
  try {
    return decodeURIComponent(rawName.replace(/\+/g, " ")).toLowerCase();
  } catch {
    return rawName.toLowerCase();
  }
}

/**
 * Returns `pathAndQuery` with the value of every `api_key` query parameter replaced by
 * `[REDACTED]`. Names are compared after percent-decoding and case-insensitively, so
 * `api%5Fkey=` and `API_KEY=` are redacted too; repeated parameters are all redacted.
 */
export function redactPath(pathAndQuery: string): string {
  const queryStart = pathAndQuery.indexOf("?");
  if (queryStart < 0) return pathAndQuery;
  const hashStart = pathAndQuery.indexOf("#", queryStart);
  const query = pathAndQuery.slice(queryStart + 1, hashStart < 0 ? undefined : hashStart);
  const redacted = query
    .split("&")
    .map((pair) => {
      const eq = pair.indexOf("=");
      const rawName = eq < 0 ? pair : pair.slice(0, eq);
      return decodedName(rawName) === "api_key" ? `${rawName}=${REDACTED}` : pair;
    })
    .join("&");
  return `${pathAndQuery.slice(0, queryStart)}?${redacted}`;
}

/** The path and query of `url` (no scheme, host or fragment), with `api_key` values redacted. */
export function loggablePath(url: URL): string {
  return redactPath(url.pathname + url.search);
}
