import { describe, expect, it } from "vitest";
import {
  compensatedSum,
  finiteOrNull,
  mean,
  sampleCovariance,
  sampleStd,
  sampleVariance,
} from "../../../src/engine/metrics/index.ts";

describe("numerical building blocks", () => {
  it("compensated sum keeps small terms next to large ones", () => {
    // Naive left-to-right: 1e16 + 1 + … loses every 1; exact sum is 1e16 + 1000 − 1e16 = 1000.
    const xs = [1e16, ...Array.from({ length: 1000 }, () => 1), -1e16];
    expect(compensatedSum(xs)).toBe(1000);
  });

  it("mean of a constant sequence is exact, so its variance is exactly 0", () => {
    const xs = [0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1];
    expect(mean(xs)).toBe(0.1);
    expect(sampleVariance(xs)).toBe(0);
  });

  it("two-pass variance is stable around a large offset", () => {
    // 1e9 + {4, 7, 13, 16}: mean offset 10, Σd² = 36 + 9 + 9 + 36 = 90 ⇒ var 30
    expect(sampleVariance([1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16])).toBe(30);
    expect(sampleStd([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(Math.sqrt(32 / 7), 14);
  });

  it("covariance: (1,2,3) with (2,4,7) ⇒ Σ(dx·dy) / 2 = (−1·−2.333 + 0 + 1·2.667) / 2 = 2.5", () => {
    expect(sampleCovariance([1, 2, 3], [2, 4, 7])).toBeCloseTo(2.5, 14);
    expect(sampleCovariance([1], [1])).toBeNull();
    expect(() => sampleCovariance([1, 2], [1])).toThrow(RangeError);
  });

  it("edge values", () => {
    expect(mean([])).toBeNull();
    expect(sampleVariance([1])).toBeNull();
    expect(finiteOrNull(NaN)).toBeNull();
    expect(finiteOrNull(-Infinity)).toBeNull();
    expect(Object.is(finiteOrNull(-0), 0)).toBe(true);
    expect(finiteOrNull(null)).toBeNull();
  });
});
