import { describe, expect, it } from "vitest";
import { pctChange } from "../../../src/engine/indicators/pct-change.ts";
import { rsi } from "../../../src/engine/indicators/rsi.ts";
import { sma } from "../../../src/engine/indicators/sma.ts";
import { zScore } from "../../../src/engine/indicators/z-score.ts";

const f = (xs: number[]) => Float64Array.from(xs);
const rounded = (xs: Float64Array, d = 6) => Array.from(xs, (x) => (Number.isNaN(x) ? null : Number(x.toFixed(d))));

describe("indicators", () => {
  it("sma is NaN until warm", () => {
    expect(rounded(sma(f([1, 2, 3, 4, 6]), 3))).toEqual([null, null, 2, 3, 4.333333]);
    expect(rounded(sma(f([5, 7]), 1))).toEqual([5, 7]);
  });

  it("pctChange in percent, NaN on a zero base", () => {
    expect(rounded(pctChange(f([100, 0, 110, 50]), 2))).toEqual([null, null, 10, null]);
  });

  it("zScore uses the sample std and skips flat windows", () => {
    expect(rounded(zScore(f([10, 11, 12, 9, 4, 4, 4]), 3))).toEqual([null, null, 1, -1.091089, -1.072222, -0.57735, null]);
  });

  it("rsi wilder vs simple", () => {
    const closes = f([10, 11, 10, 9, 8, 9, 11, 12]);
    expect(rounded(rsi(closes, 2, "wilder"), 4)).toEqual([null, null, 50, 25, 12.5, 56.25, 85.4167, 91.25]);
    expect(rounded(rsi(closes, 2, "simple"), 4)).toEqual([null, null, 50, 0, 0, 50, 100, 100]);
    expect(rounded(rsi(f([5, 5, 5]), 2, "wilder"))).toEqual([null, null, 50]);
  });
});
