import { describe, expect, it } from "vitest";
import { parseTimestamp } from "../../../src/engine/util/parse-timestamp.ts";
import {
  calendarKey, civilFromDays, dayOfWeek, daysFromCivil, isValidTimezone, isWeekend, isoWeek, toIso,
} from "../../../src/engine/util/time.ts";

describe("civil date arithmetic", () => {
  it("round-trips day indices and agrees with Date.UTC", () => {
    for (let d = -800_000; d <= 800_000; d += 997) {
      const c = civilFromDays(d);
      expect(daysFromCivil(c.year, c.month, c.day)).toBe(d);
      if (c.year >= 100) expect(Date.UTC(c.year, c.month - 1, c.day) / 86_400_000).toBe(d);
    }
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    expect(daysFromCivil(2024, 2, 29)).toBe(19782);
  });

  it("knows weekdays", () => {
    expect(dayOfWeek(0)).toBe(4); // 1970-01-01 was a Thursday
    expect(dayOfWeek(-1)).toBe(3);
    expect(isWeekend(Date.UTC(2024, 0, 6))).toBe(true); // Saturday
    expect(isWeekend(Date.UTC(2024, 0, 7, 23, 59))).toBe(true); // Sunday
    expect(isWeekend(Date.UTC(2024, 0, 8))).toBe(false); // Monday
  });

  it("formats ISO timestamps with milliseconds and Z", () => {
    expect(toIso(0)).toBe("1970-01-01T00:00:00.000Z");
    expect(toIso(Date.UTC(2024, 1, 29, 13, 5, 9, 7))).toBe("2024-02-29T13:05:09.007Z");
  });
});

describe("calendarKey", () => {
  it("groups by UTC day, ISO week and month", () => {
    const ms = Date.UTC(2021, 0, 3, 12); // Sunday 2021-01-03 belongs to ISO week 2020-W53
    expect(calendarKey(ms, "UTC", "day")).toBe("2021-01-03");
    expect(calendarKey(ms, "UTC", "week")).toBe("2020-W53");
    expect(calendarKey(ms, "UTC", "month")).toBe("2021-01");
    expect(calendarKey(Date.UTC(2021, 0, 4), "UTC", "week")).toBe("2021-W01");
    expect(calendarKey(Date.UTC(2024, 11, 30), "UTC", "week")).toBe("2025-W01");
  });

  it("uses the local date of the time zone", () => {
    const ms = Date.UTC(2024, 2, 1, 3); // 2024-03-01 03:00Z = 2024-02-29 22:00 in New York
    expect(calendarKey(ms, "America/New_York", "day")).toBe("2024-02-29");
    expect(calendarKey(ms, "America/New_York", "month")).toBe("2024-02");
    expect(calendarKey(ms, "Asia/Tokyo", "day")).toBe("2024-03-01");
    expect(calendarKey(Date.UTC(2024, 2, 3, 20), "Asia/Tokyo", "week")).toBe("2024-W10"); // Mon 05:00 in Tokyo
    expect(calendarKey(Date.UTC(2024, 2, 3, 20), "UTC", "week")).toBe("2024-W09");
  });

  it("agrees with isoWeek on year boundaries", () => {
    expect(isoWeek({ year: 2026, month: 1, day: 1 })).toEqual({ year: 2026, week: 1 });
    expect(isoWeek({ year: 2027, month: 1, day: 1 })).toEqual({ year: 2026, week: 53 });
  });
});

describe("isValidTimezone", () => {
  it("accepts IANA names and rejects the rest", () => {
    for (const tz of ["UTC", "America/New_York", "Europe/London", "Asia/Kolkata"]) expect(isValidTimezone(tz)).toBe(true);
    for (const tz of ["", "Mars/Olympus", "+05:00", "America/New York", "../etc"]) expect(isValidTimezone(tz)).toBe(false);
  });
});

describe("parseTimestamp", () => {
  const cases: [string, number][] = [
    ["2024-01-02", Date.UTC(2024, 0, 2)],
    ["2024-01-02 15:30:00", Date.UTC(2024, 0, 2, 15, 30)],
    ["2024-01-02 15:30", Date.UTC(2024, 0, 2, 15, 30)],
    ["2024-01-02T15:30:00Z", Date.UTC(2024, 0, 2, 15, 30)],
    ["2024-01-02t15:30:00z", Date.UTC(2024, 0, 2, 15, 30)],
    ["2024-01-02T15:30:00.25Z", Date.UTC(2024, 0, 2, 15, 30, 0, 250)],
    ["2024-01-02T15:30:00.123456789Z", Date.UTC(2024, 0, 2, 15, 30, 0, 123)],
    ["2024-01-02T10:30:00-05:00", Date.UTC(2024, 0, 2, 15, 30)],
    ["2024-01-02T21:00:00+05:30", Date.UTC(2024, 0, 2, 15, 30)],
    ["2024-01-02T00:30:00+0100", Date.UTC(2024, 0, 1, 23, 30)],
    ["2024-02-29", Date.UTC(2024, 1, 29)],
    ["0099-12-31", daysFromCivil(99, 12, 31) * 86_400_000],
  ];
  it.each(cases)("parses %s", (text, expected) => {
    expect(parseTimestamp(text)).toBe(expected);
  });

  it.each(["", "2024-1-2", "2023-02-29", "2024-13-01", "2024-00-10", "2024-01-32", "2024-01-02T24:00:00Z",
    "2024-01-02T12:60:00Z", "2024-01-02T12:00:60Z", "2024-01-02T12:00:00+24:00", "1704153600", "02/01/2024",
    "2024-01-02T12:00:00 Z", " 2024-01-02"])("rejects %j", (text) => {
    expect(parseTimestamp(text)).toBeNull();
  });
});
