/** Small HTTP helpers of the run routes: the `Link: rel="next"` header and `If-None-Match`. */

/**
 * `Link` header pointing at the next page: the request's own path and query (so it works under a
 * mount prefix and on legacy paths) with `params` replaced and any `api_key` parameter dropped (a
 * key is never echoed; names compared decoded and case-insensitively, as the log redaction does).
 * Relative, as RFC 8288 allows.
 */
export function nextPageLink(requestUrl: string, params: Record<string, string>): string {
  const url = new URL(requestUrl);
  for (const name of [...url.searchParams.keys()]) if (name.toLowerCase() === "api_key") url.searchParams.delete(name);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return `<${url.pathname}${url.search}>; rel="next"`;
}

/** True when an `If-None-Match` header matches `etag` (a quoted strong tag); weak tags compare weakly. */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  return header.split(",").some((raw) => {
    const tag = raw.trim();
    return tag === "*" || tag === etag || tag === `W/${etag}`;
  });
}
