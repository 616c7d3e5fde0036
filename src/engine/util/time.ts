/**
 * Time helpers over UTC epoch milliseconds. Pure: no clock is read; `Intl` is only used to
 * resolve IANA time zones for calendar grouping.
 */

/** Milliseconds in a UTC day. */
export const DAY_MS = 86_400_000;

/** A proleptic-Gregorian calendar date. `month` is 1..12, `day` is 1..31. */
export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

/** Calendar period used by `calendarKey`. */
export type CalendarPeriod = "day" | "week" | "month";

/** `YYYY-MM-DDTHH:MM:SS.sssZ` for a UTC epoch-ms timestamp; throws `RangeError` if not a valid time. */
export function toIso(ms: number): string {
  return new Date(ms).toISOString();
}

/** Whole UTC days since 1970-01-01 (negative before it). */
export function dayIndex(ms: number): number {
  return Math.floor(ms / DAY_MS);
}

/** Day of the week of a UTC day index: 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** True when `ms` falls on a Saturday or Sunday in UTC. */
export function isWeekend(ms: number): boolean {
  const dow = dayOfWeek(dayIndex(ms));
  return dow === 0 || dow === 6;
}

/** Days since 1970-01-01 of a civil date (valid for any year, no `Date` two-digit-year quirks). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The civil date of a day index (inverse of `daysFromCivil`). */
export function civilFromDays(days: number): CivilDate {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timezone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timezone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone: timezone,
      calendar: "iso8601",
      numberingSystem: "latn",
      year: "numeric",
      month: "numeric",
      day: "numeric",
    });
    formatters.set(timezone, formatter);
  }
  return formatter;
}

/** The civil date of `ms` as seen in `timezone` (an IANA name; `UTC` takes an arithmetic path). */
export function localDate(ms: number, timezone: string): CivilDate {
  if (timezone === "UTC") return civilFromDays(dayIndex(ms));
  const date: CivilDate = { year: 0, month: 0, day: 0 };
  for (const part of formatterFor(timezone).formatToParts(ms)) {
    if (part.type === "year") date.year = Number(part.value);
    else if (part.type === "month") date.month = Number(part.value);
    else if (part.type === "day") date.day = Number(part.value);
  }
  return date;
}

/** ISO-8601 week of a civil date: weeks start on Monday; week 1 holds the year's first Thursday. */
export function isoWeek(date: CivilDate): { year: number; week: number } {
  const days = daysFromCivil(date.year, date.month, date.day);
  const isoDow = dayOfWeek(days) === 0 ? 7 : dayOfWeek(days);
  const thursday = days - isoDow + 4;
  const year = civilFromDays(thursday).year;
  return { year, week: Math.floor((thursday - daysFromCivil(year, 1, 1)) / 7) + 1 };
}

const pad2 = (n: number): string => String(n).padStart(2, "0");
const pad4 = (n: number): string => String(n).padStart(4, "0");

/**
 * Key of the calendar period containing `ms` in `timezone`: `YYYY-MM-DD` (day), `YYYY-Www`
 * (ISO week, ISO week-year) or `YYYY-MM` (month). Equal keys ⇔ same period. Formatters are
 * cached per time zone; throws `RangeError` for an unknown time zone.
 */
export function calendarKey(ms: number, timezone: string, period: CalendarPeriod): string {
  const date = localDate(ms, timezone);
  if (period === "month") return `${pad4(date.year)}-${pad2(date.month)}`;
  if (period === "day") return `${pad4(date.year)}-${pad2(date.month)}-${pad2(date.day)}`;
  const week = isoWeek(date);
  return `${pad4(week.year)}-W${pad2(week.week)}`;
}

/** True when `name` is an IANA time-zone name the runtime knows (e.g. `America/New_York`, `UTC`). */
export function isValidTimezone(name: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(name)) return false;
  try {
    formatterFor(name);
    return true;
  } catch {
    return false;
  }
}
