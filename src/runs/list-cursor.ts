/**
 * The opaque cursor of a run listing: base64url (no padding) of `created_at|run_id` of the last
 * item of the previous page. Every store encodes and decodes it here, so a cursor from one page
 * is understood by the next whatever the backend.
 */

/** Position of a run in the listing order (`created_at` desc, then `run_id` desc). */
export interface ListPosition {
  created_at: string;
  run_id: string;
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z$/;

/** The cursor that continues a listing after `position`. */
export function encodeListCursor(position: ListPosition): string {
  const bytes = new TextEncoder().encode(`${position.created_at}|${position.run_id}`);
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** Decodes a cursor of `encodeListCursor`; anything else throws a `RangeError` naming the problem. */
export function decodeListCursor(cursor: string): ListPosition {
  if (!BASE64URL.test(cursor) || cursor.length % 4 === 1) throw new RangeError("Invalid cursor: not a cursor returned by a previous page");
  let text: string;
  try {
    const binary = atob(cursor.replace(/-/g, "+").replace(/_/g, "/"));
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  } catch {
    throw new RangeError("Invalid cursor: not a cursor returned by a previous page");
  }
  const bar = text.indexOf("|");
  const created_at = text.slice(0, bar);
  const run_id = text.slice(bar + 1);
  if (bar < 0 || !ISO_UTC.test(created_at) || run_id === "") {
    throw new RangeError("Invalid cursor: not a cursor returned by a previous page");
  }
  return { created_at, run_id };
}

/** True when `status` comes after `position` in the listing order (older, or same time and smaller id). */
export function isAfterPosition(item: ListPosition, position: ListPosition): boolean {
  return item.created_at < position.created_at || (item.created_at === position.created_at && item.run_id < position.run_id);
}
