import { describe, expect, it } from "vitest";
import { drawdownPct, drawdownStats } from "../../../src/engine/metrics/index.ts";
import { days } from "./fixtures.ts";

describe("drawdownPct", () => {
  it("measures each point below the running peak, the peak starting at initial capital", () => {
    // peak 100 → 100 → 100 → 120 → 120: (100−90)/100, (100−95)/100, 0, 0, (120−108)/120
    const got = drawdownPct([90, 95, 100, 120, 108], 100);
    const want = [10, 5, 0, 0, 10];
    got.forEach((g, i) => expect(g).toBeCloseTo(want[i], 12));
    expect(Object.is(got[2], 0)).toBe(true);
  });
});

describe("drawdownStats", () => {
  const rows: [string, number[], number, number, number][] = [
    // name, values (daily from day 0), initial capital, max drawdown %, max duration days
    // Peak 100 @0 → 95 @1 → back to 100 @2 (2 days); peak 120 @3 → 90 @4 (25 %) → 125 @6 (3 days).
    ["two recovered episodes", [100, 95, 100, 120, 90, 110, 125], 100, 25, 3],
    // Starts below the initial-capital peak (dated day 0); recovers on day 2.
    ["opens below initial capital", [90, 95, 101], 100, 10, 2],
    // Peak 110 @1, never recovers to 110: duration runs to the last point (day 4).
    ["never recovers", [100, 110, 105, 108, 109], 100, (1 / 110) * 500, 3],
    // A long shallow episode beats a short deep one on duration.
    ["long shallow vs short deep", [100, 99, 99, 99, 99, 100, 50, 100], 100, 50, 5],
    ["monotone rise", [100, 101, 102], 100, 0, 0],
    ["empty", [], 100, 0, 0],
  ];
  it.each(rows)("%s", (_name, values, initial, maxDd, maxDays) => {
    const s = drawdownStats(days(values.length), values, initial);
    expect(s.maxDrawdownPct).toBeCloseTo(maxDd, 12);
    expect(s.maxDurationDays).toBe(maxDays);
  });
});
