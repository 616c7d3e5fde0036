/**
 * Strict timestamp parsing for data files and requests, independent of `Date.parse` (whose
 * handling of non-ISO strings differs between runtimes).
 */
import { DAY_MS, daysFromCivil } from "./time.ts";

// date [ (T|t|space) HH:MM[:SS[.fraction]] [Z|z|±HH:MM|±HHMM] ]
const TIMESTAMP_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?([Zz]|[+-]\d{2}:?\d{2})?)?$/;

function daysInMonth(year: number, month: number): number {
  return daysFromCivil(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) - daysFromCivil(year, month, 1);
}

function offsetMinutes(text: string | undefined): number | null {
  if (text === undefined || text === "Z" || text === "z") return 0;
  const sign = text[0] === "-" ? -1 : 1;
  const digits = text.slice(1).replace(":", "");
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2, 4));
  if (hours > 23 || minutes > 59) return null;
  return sign * (hours * 60 + minutes);
}

/**
 * Parses `YYYY-MM-DD`, `YYYY-MM-DD HH:MM[:SS]` and RFC 3339 date-times
 * (`YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM)`) to UTC epoch milliseconds. Text without an offset is
 * UTC; a date alone is 00:00 UTC. Fractions beyond milliseconds are truncated. Returns `null`
 * for anything else, including impossible dates (2023-02-29), hour 24 and leap second 60.
 */
export function parseTimestamp(text: string): number | null {
  const m = TIMESTAMP_RE.exec(text);
  if (m === null) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  const hour = m[4] === undefined ? 0 : Number(m[4]);
  const minute = m[5] === undefined ? 0 : Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  if (hour > 23 || minute > 59 || second > 59) return null;
  const millis = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, "0"));
  const offset = offsetMinutes(m[8]);
  if (offset === null) return null;
  const dayMs = daysFromCivil(year, month, day) * DAY_MS;
  return dayMs + ((hour * 60 + minute - offset) * 60 + second) * 1000 + millis;
}
