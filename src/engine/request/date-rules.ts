/** ISO-8601 date / date-time parsing for `start_date` and `end_date`. */
import type { IssueSink, Loc } from "./issues.ts";

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|z|[+-]\d{2}:?\d{2})?)?$/;

/** Earliest and latest calendar years accepted. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2200;

/**
 * Parses an ISO-8601 date (`YYYY-MM-DD`, 00:00 UTC) or date-time (`T` or space separator,
 * optional seconds and fraction, `Z` or `±HH:MM` offset; no offset means UTC). Returns UTC
 * epoch ms truncated to whole milliseconds, or `null` when the text is not a valid instant.
 */
export function parseIsoInstant(text: string): number | null {
  const m = DATE_TIME.exec(text);
  if (m === null) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [hour, minute, second] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  const millis = Math.floor(Number(`0.${m[7] ?? "0"}`) * 1000);
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return null;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  const check = new Date(ms);
  if (check.getUTCDate() !== day || check.getUTCFullYear() !== year) return null;
  const offset = offsetMinutes(m[8]);
  return offset === null ? null : ms - offset * 60_000;
}

/** Minutes east of UTC of a `Z`/`±HH:MM`/`±HHMM` suffix; `null` when out of range. */
function offsetMinutes(offset: string | undefined): number | null {
  if (offset === undefined || offset === "Z" || offset === "z") return 0;
  const digits = offset.slice(1).replace(":", "");
  const [hours, minutes] = [Number(digits.slice(0, 2)), Number(digits.slice(2))];
  if (hours > 23 || minutes > 59) return null;
  return (offset.startsWith("-") ? -1 : 1) * (hours * 60 + minutes);
}

/** Reads a required date field; returns UTC epoch ms or records an issue and returns `undefined`. */
export function readDate(sink: IssueSink, value: unknown, loc: Loc): number | undefined {
  if (value === undefined) {
    sink.add(loc, "Field required", "missing");
    return undefined;
  }
  if (typeof value !== "string") {
    sink.add(loc, "Input should be an ISO-8601 date or date-time string", "string_type");
    return undefined;
  }
  const ms = parseIsoInstant(value.trim());
  if (ms === null) {
    sink.add(loc, "Input should be a valid ISO-8601 date (YYYY-MM-DD) or date-time (YYYY-MM-DDTHH:MM:SS[.sss][Z|±HH:MM])", "datetime_parsing");
    return undefined;
  }
  const year = new Date(ms).getUTCFullYear();
  if (year < MIN_YEAR || year > MAX_YEAR) {
    sink.add(loc, `Date should be between ${MIN_YEAR} and ${MAX_YEAR}`, "value_error");
    return undefined;
  }
  return ms;
}
