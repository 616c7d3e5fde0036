import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { erfc, normCdf, normPdf } from "../../../src/engine/options/index.ts";

/*
 * Reference values: erf's Maclaurin series summed in 800-digit decimal arithmetic (Python
 * `decimal`, independent of the code under test), rounded to double.
 */
const PHI: [number, number][] = [
  [0, 0.5],
  [0.3, 6.17911422188952675e-1],
  [-0.7, 2.41963652223073006e-1],
  [1.96, 9.75002104851779516e-1],
  [2.5, 9.93790334674223841e-1],
  [-1, 1.58655253931457046e-1],
  [-3, 1.34989803163009458e-3],
  [-5, 2.86651571879193912e-7],
  [-10, 7.61985302416052545e-24],
  [-20, 2.75362411860623374e-89],
  [-37, 5.7255712225245771e-300],
];

const ERFC: [number, number][] = [
  [0.2, 7.77297410789521526e-1],
  [0.5, 4.79500122186953481e-1],
  [1, 1.57299207050285134e-1],
  [2, 4.67773498104726623e-3],
  [5, 1.53745979442803494e-12],
  [10, 2.08848758376254488e-45],
  [26, 5.66319240885614319e-296],
];

const relErr = (got: number, want: number) => Math.abs(got - want) / Math.abs(want);

describe("erfc", () => {
  it.each(ERFC)("erfc(%d) to ~1e-15 relative", (z, want) => {
    expect(relErr(erfc(z), want)).toBeLessThan(2e-15);
  });

  it("edge values", () => {
    expect(erfc(0)).toBe(1);
    expect(erfc(Infinity)).toBe(0);
    expect(erfc(-Infinity)).toBe(2);
    expect(erfc(30)).toBe(0);
    expect(Number.isNaN(erfc(NaN))).toBe(true);
  });
});

describe("normCdf", () => {
  it.each(PHI)("Φ(%d) to ~1e-15 relative, deep lower tail included", (x, want) => {
    expect(relErr(normCdf(x), want)).toBeLessThan(2e-15);
  });

  it("is symmetric and monotone (steps ≥ 1e-9; below that ulp-level rounding dominates)", () => {
    fc.assert(
      fc.property(fc.double({ min: -8, max: 8, noNaN: true }), fc.double({ min: 1e-9, max: 1, noNaN: true }), (x, h) => {
        expect(Math.abs(normCdf(x) + normCdf(-x) - 1)).toBeLessThan(4e-16);
        expect(normCdf(x + h)).toBeGreaterThanOrEqual(normCdf(x));
      }),
    );
  });

  it("tails: 0 far below, 1 far above", () => {
    expect(normCdf(-40)).toBe(0);
    expect(normCdf(40)).toBe(1);
  });

  it("normPdf(0) = 1/√(2π), normPdf(1) = e^(−1/2)/√(2π)", () => {
    expect(normPdf(0)).toBeCloseTo(0.3989422804014327, 16);
    expect(normPdf(1)).toBeCloseTo(0.24197072451914337, 16);
  });
});
