/** Reads the `cursor` of a `Link: <…>; rel="next"` header (API spec §1, run listing). */

/** The next page's cursor, or null when there is no `rel="next"` link. */
export function nextCursorOf(link: string | null): string | null {
  if (link === null) return null;
  for (const part of link.split(",")) {
    const match = /<([^>]*)>\s*;(.*)/.exec(part.trim());
    if (match === null || !/\brel="?next"?/i.test(match[2] ?? "")) continue;
    return new URL(match[1] ?? "", "http://link.invalid").searchParams.get("cursor");
  }
  return null;
}
