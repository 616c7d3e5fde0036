/**
 * Where the API lives relative to the page: the mount prefix the server rendered into
 * `<meta name="glowback-base">` ("" at the root, "/glowback" under `host.route("/glowback", app)`).
 */

let cached: string | null = null;

/** The mount prefix, without a trailing slash ("" when the app is not mounted). */
export function apiBase(): string {
  if (cached === null) {
    const meta = document.querySelector<HTMLMetaElement>('meta[name="glowback-base"]');
    cached = (meta?.content ?? "").replace(/\/+$/, "");
  }
  return cached;
}

/** `path` (e.g. `/v1/backtests`) under the mount prefix. */
export function apiUrl(path: string): string {
  return `${apiBase()}${path}`;
}

/** This origin plus the prefix: the typed client's `baseUrl`. */
export function apiOrigin(): string {
  return `${location.origin}${apiBase()}`;
}
