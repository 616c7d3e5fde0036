import { describe, expect, it } from "vitest";
import { historicalTailRisk, sampleExcessKurtosis, sampleSkewness } from "../../../src/engine/metrics/index.ts";

describe("historicalTailRisk", () => {
  it("averages the ⌈5 %⌉ worst returns (k = 2 of 40) as positive losses", () => {
    // 38 returns of +0.01 plus −0.05 and −0.03: k = ⌈0.05 × 40⌉ = 2
    // ⇒ VaR = −(−0.03) = 0.03, CVaR = −(−0.05 − 0.03) / 2 = 0.04
    const r = [...Array.from({ length: 38 }, () => 0.01), -0.05, -0.03];
    const t = historicalTailRisk(r);
    expect(t.var).toBeCloseTo(0.03, 15);
    expect(t.cvar).toBeCloseTo(0.04, 15);
  });

  it("uses exactly one tail observation for 20 returns (0.05 × 20 must not round up to 2)", () => {
    const r = [...Array.from({ length: 19 }, (_, i) => i / 100), -0.2];
    expect(historicalTailRisk(r)).toEqual({ var: 0.2, cvar: 0.2 });
  });

  it("k = 2 for 21 returns, tail of gains gives negative values, no returns gives null", () => {
    const r = Array.from({ length: 21 }, (_, i) => (i + 1) / 100); // worst two: 0.01, 0.02
    const t = historicalTailRisk(r);
    expect(t.var).toBeCloseTo(-0.02, 15);
    expect(t.cvar).toBeCloseTo(-0.015, 15);
    expect(historicalTailRisk([])).toEqual({ var: null, cvar: null });
  });
});

describe("moments", () => {
  it("matches Excel SKEW/KURT conventions on a small sample", () => {
    // xs = 1, 2, 3, 4, 10: mean 4, d = −3, −2, −1, 0, 6; Σd² = 50, Σd³ = 180, Σd⁴ = 1394
    // m2 = 10, m3 = 36, m4 = 278.8; g1 = 36 / 10^1.5 = 1.1384199576606166
    // G1 = g1 · √20 / 3 = 1.6970562748477141 (= 1.2·√2)
    // g2 = 278.8 / 100 − 3 = −0.212; G2 = (6·(−0.212) + 6)·4 / 6 = 3.152
    expect(sampleSkewness([1, 2, 3, 4, 10])).toBeCloseTo(1.6970562748477141, 12);
    expect(sampleExcessKurtosis([1, 2, 3, 4, 10])).toBeCloseTo(3.152, 12);
  });

  it("is null below the minimum count or at zero variance", () => {
    expect(sampleSkewness([1, 2])).toBeNull();
    expect(sampleExcessKurtosis([1, 2, 3])).toBeNull();
    expect(sampleSkewness([0.1, 0.1, 0.1])).toBeNull();
    expect(sampleExcessKurtosis([0.1, 0.1, 0.1, 0.1])).toBeNull();
  });
});
