import { describe, expect, it } from "vitest";
import {
  cagrPct,
  cumulativeReturnsPct,
  monthlyReturns,
  periodReturnsPct,
  periodsPerYear,
} from "../../../src/engine/metrics/index.ts";
import { DAY, T0 } from "./fixtures.ts";

describe("per-point return helpers", () => {
  it("cumulativeReturnsPct is the % change vs initial capital", () => {
    const got = cumulativeReturnsPct(Float64Array.from([100, 110, 95, 100]), 100);
    [0, 10, -5, 0].forEach((w, i) => expect(got[i]).toBeCloseTo(w, 12));
    expect(cumulativeReturnsPct([], 100)).toEqual([]);
  });

  it("periodReturnsPct is null first and the % change vs the previous point after", () => {
    const got = periodReturnsPct([100, 110, 99, 0, 5]);
    expect(got[0]).toBeNull();
    expect(got[1]).toBeCloseTo(10, 12);
    expect(got[2]).toBeCloseTo(-10, 12);
    expect(got[3]).toBeCloseTo(-100, 12);
    expect(got[4]).toBeNull(); // 5 / 0: undefined, never Infinity
    expect(periodReturnsPct([])).toEqual([]);
  });

  it("periodsPerYear counts observations per 365.25-day year", () => {
    // 252 periods over exactly one 365.25-day year
    const ts = Array.from({ length: 253 }, (_, i) => T0 + (i * 365.25 * DAY) / 252);
    expect(periodsPerYear(ts)).toBeCloseTo(252, 9);
    expect(periodsPerYear([T0])).toBeNull();
    expect(periodsPerYear([T0, T0])).toBeNull();
  });

  it.each([
    // start, end, years, expected %
    [100, 121, 2, 10], // 1.21^(1/2) = 1.1
    [100, 50, 1, -50],
    [100, 0, 3, -100],
    [100, -1, 1, null],
    [0, 10, 1, null],
    [100, 110, 0, null],
    [100, 110, null, null],
    [100, 1e10, 1e-9, null], // overflows to Infinity
  ])("cagrPct(%d, %d, %s) = %s", (start, end, years, want) => {
    const got = cagrPct(start as number, end as number, years as number | null);
    if (want === null) expect(got).toBeNull();
    else expect(got).toBeCloseTo(want as number, 10);
  });
});

describe("monthlyReturns", () => {
  const utcMonth = (ms: number) => new Date(ms).toISOString().slice(0, 7);
  it("chains month-end values, the first month based on initial capital", () => {
    const ts = [Date.UTC(2024, 0, 2), Date.UTC(2024, 0, 31), Date.UTC(2024, 1, 1), Date.UTC(2024, 1, 29), Date.UTC(2024, 2, 1)];
    const values = [101, 105, 100, 94.5, 103.95];
    // Jan: 105 / 100 − 1 = 5 %; Feb: 94.5 / 105 − 1 = −10 %; Mar: 103.95 / 94.5 − 1 = 10 %
    const got = monthlyReturns(ts, values, 100, utcMonth);
    expect(got.map((m) => m.month)).toEqual(["2024-01", "2024-02", "2024-03"]);
    [5, -10, 10].forEach((w, i) => expect(got[i].return_pct).toBeCloseTo(w, 12));
  });

  it("uses the injected month key (e.g. a time zone shift)", () => {
    // 2024-01-31T23:00Z is February in UTC+2.
    const plus2 = (ms: number) => utcMonth(ms + 2 * 3_600_000);
    const ts = [Date.UTC(2024, 0, 30), Date.UTC(2024, 0, 31, 23)];
    const got = monthlyReturns(ts, [110, 99], 100, plus2);
    expect(got).toEqual([
      { month: "2024-01", return_pct: expect.closeTo(10, 12) },
      { month: "2024-02", return_pct: expect.closeTo(-10, 12) },
    ]);
  });

  it("is empty for an empty curve and null after a zero month-end", () => {
    expect(monthlyReturns([], [], 100, utcMonth)).toEqual([]);
    const got = monthlyReturns([Date.UTC(2024, 0, 5), Date.UTC(2024, 1, 5)], [0, 10], 100, utcMonth);
    expect(got[0].return_pct).toBe(-100);
    expect(got[1].return_pct).toBeNull();
  });
});
