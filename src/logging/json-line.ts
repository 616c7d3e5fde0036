/**
 * The JSON serialiser of log lines: the same text as `JSON.stringify({ ts, level, ...fields })`
 * (same key order, same escaping, undefined fields omitted), built by concatenation because the
 * spread copy and the generic stringify were a measurable share of a request's CPU.
 */
import type { LogFields } from "./logger.ts";

/** Characters `JSON.stringify` escapes in a string: quote, backslash, controls, lone surrogates. */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;
const keyFragments = new Map<string, string>();
const MAX_CACHED_KEYS = 1024;

function jsonString(value: string): string {
  return NEEDS_ESCAPE.test(value) ? JSON.stringify(value) : `"${value}"`;
}

/** `,"key":` for `key`, built once per distinct key (log field names are a small fixed set). */
function keyFragment(key: string): string {
  let fragment = keyFragments.get(key);
  if (fragment === undefined) {
    fragment = `,${jsonString(key)}:`;
    if (keyFragments.size < MAX_CACHED_KEYS) keyFragments.set(key, fragment);
  }
  return fragment;
}

function jsonValue(value: string | number | boolean | null): string {
  switch (typeof value) {
    case "string":
      return jsonString(value);
    case "number":
      return Number.isFinite(value) ? String(value) : "null";
    case "boolean":
      return value ? "true" : "false";
    default:
      return value === null ? "null" : JSON.stringify(value);
  }
}

/** One JSON log line: `ts` and `level` first, then `fields` in their own order. */
export function jsonLogLine(ts: string, level: string, fields: LogFields): string {
  // A field named `ts` or `level` takes the first two positions' values; rare, so the generic path.
  if ("ts" in fields || "level" in fields) return JSON.stringify({ ts, level, ...fields });
  let line = `{"ts":${jsonString(ts)},"level":${jsonString(level)}`;
  for (const key in fields) {
    const value = fields[key];
    if (value === undefined) continue;
    line += keyFragment(key) + jsonValue(value);
  }
  return `${line}}`;
}
