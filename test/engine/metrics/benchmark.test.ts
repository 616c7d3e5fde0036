import { describe, expect, it } from "vitest";
import { benchmarkStats, computeMetrics } from "../../../src/engine/metrics/index.ts";
import { days, input } from "./fixtures.ts";

/*
 * Constructed pair: benchmark returns rb = [0.02, −0.02, 0.03, 0.01, −0.01], strategy returns
 * rs = 2 × rb, both from 100 on 6 daily points (ppy = 365.25):
 *   b = 100, 102, 99.96, 102.9588, 103.988388, 102.94850412
 *   s = 100, 104, 99.84, 105.8304, 107.947008, 105.78806784
 * beta = cov(2rb, rb) / var(rb) = 2; correlation = 1.
 * Active returns a = rs − rb = rb: mean 0.006, sample std 0.020736441353327721
 *   TE = 0.0207364 × √365.25 × 100 = 39.630480693526795 %
 *   IR = 0.006 / 0.0207364 × √365.25 = 5.5298345153758318
 * Jensen alpha = (mean rs − rf_p − 2 (mean rb − rf_p)) × ppy × 100 = rf_p × ppy × 100:
 *   rf = 0 ⇒ 0; rf = 2 % ⇒ (1.02^(1/365.25) − 1) × 365.25 × 100 = 1.9803164121826309 %
 * CAGR over 5/365.25 years: strategy 5996.7704469085406 %, benchmark 735.39901993988350 %
 *   ⇒ excess_return = 5261.3714269686571 percentage points.
 */
const B = [100, 102, 99.96, 102.9588, 103.988388, 102.94850412];
const S = [100, 104, 99.84, 105.8304, 107.947008, 105.78806784];

describe("benchmark metrics on a strategy = 2 × benchmark pair", () => {
  it("computes beta, correlation, alpha, TE, IR and excess return", () => {
    const m = computeMetrics(input(S, { benchmarkValues: B }));
    expect(m.beta).toBeCloseTo(2, 10);
    expect(m.correlation).toBeCloseTo(1, 12);
    expect(m.alpha).toBeCloseTo(0, 9);
    expect(m.tracking_error).toBeCloseTo(39.630480693526795, 9);
    expect(m.information_ratio).toBeCloseTo(5.5298345153758318, 9);
    expect(m.excess_return).toBeCloseTo(5261.3714269686571, 6);
  });

  it("includes the risk-free rate in Jensen's alpha", () => {
    const m = computeMetrics(input(S, { benchmarkValues: Float64Array.from(B), riskFreeRate: 0.02 }));
    expect(m.alpha).toBeCloseTo(1.9803164121826309, 9);
  });

  it("uses only shared timestamps: returns span a missing benchmark point", () => {
    // Shared points 0, 1, 3: rb = [0.1, −0.1], rs = [0.2, −0.2] (777 is never used) ⇒ beta 2, corr 1.
    const r = benchmarkStats(days(4), [100, 120, 777, 96], [100, 110, NaN, 99], 0);
    expect(r.beta).toBeCloseTo(2, 10);
    expect(r.correlation).toBeCloseTo(1, 12);
    // active = [0.1, −0.1]: std 0.1414214 over 3 days ⇒ ppy = 2 / (3/365.25) = 243.5
    expect(r.trackingErrorPct).toBeCloseTo(Math.sqrt(0.02) * Math.sqrt(243.5) * 100, 8);
  });

  it("compounds the strategy over strategy-only points and computes both CAGRs on the shared window", () => {
    // Shared points 0, 2, 4 (days 0, 2, 4); strategy-only points 1, 3, 5 (110, 99 and 200 move
    // the strategy between shared points but add no pair of their own).
    // rs = [90/100 − 1, 108/90 − 1] = [−0.1, 0.2]; rb = [95/100 − 1, 114/95 − 1] = [−0.05, 0.2].
    // Deviations: rs ±0.15, rb ±0.125 ⇒ cov = 2 × 0.01875 = 0.0375, var(rb) = 0.03125 ⇒ beta 1.2,
    // correlation 1 (two pairs). active = [−0.05, 0]: mean −0.025, std 0.025√2; ppy = 2 / (4 / 365.25).
    const r = benchmarkStats(days(6), [100, 110, 90, 99, 108, 200], [100, NaN, 95, NaN, 114, NaN], 0);
    expect(r.beta).toBeCloseTo(1.2, 12);
    expect(r.correlation).toBeCloseTo(1, 12);
    const ppy = 2 / (4 / 365.25);
    expect(r.trackingErrorPct).toBeCloseTo(0.025 * Math.SQRT2 * Math.sqrt(ppy) * 100, 9);
    expect(r.informationRatio).toBeCloseTo((-0.025 * ppy) / (0.025 * Math.SQRT2 * Math.sqrt(ppy)), 9);
    // Both CAGRs over days 0..4 (day 5's 200 is not shared): strategy 100 → 108, benchmark 100 → 114.
    const years = 4 / 365.25;
    const cagr = (g: number) => (Math.pow(g, 1 / years) - 1) * 100;
    expect(r.benchmarkAnnualizedReturnPct).toBeCloseTo(cagr(1.14), 6);
    expect(r.excessReturnPct).toBeCloseTo(cagr(1.08) - cagr(1.14), 6);
  });

  it("a shared strategy value of 0 makes every return-based figure null", () => {
    const r = benchmarkStats(days(4), [100, 0, 0, 10], [100, 90, 95, 99], 0);
    expect([r.beta, r.correlation, r.alphaPct, r.trackingErrorPct, r.informationRatio]).toEqual([null, null, null, null, null]);
    expect(r.benchmarkAnnualizedReturnPct).not.toBeNull();
  });

  it("handles a benchmark that starts later", () => {
    const r = benchmarkStats(days(6), [50, ...S.slice(1)], [NaN, ...B.slice(1)], 0);
    // Shared points 1..5: rb = [−0.02, 0.03, 0.01, −0.01], rs = 2 × rb.
    expect(r.beta).toBeCloseTo(2, 10);
    expect(r.correlation).toBeCloseTo(1, 12);
  });
});

describe("benchmark null cases", () => {
  it("zero-variance benchmark ⇒ beta, correlation and alpha null; TE and IR still defined", () => {
    const m = computeMetrics(input(S, { benchmarkValues: [100, 100, 100, 100, 100, 100] }));
    expect(m.beta).toBeNull();
    expect(m.correlation).toBeNull();
    expect(m.alpha).toBeNull();
    // Benchmark CAGR 0 ⇒ excess = strategy CAGR
    expect(m.excess_return).toBeCloseTo(5996.7704469085406, 6);
    // Active = rs: mean 0.012, std 0.041472882706655442 ⇒ TE = 79.26096138705359, IR = 5.529834515375832
    expect(m.tracking_error).toBeCloseTo(79.26096138705359, 8);
    expect(m.information_ratio).toBeCloseTo(5.5298345153758318, 9);
  });

  it("identical curves ⇒ zero active std ⇒ information ratio null, TE 0", () => {
    const m = computeMetrics(input(B, { benchmarkValues: B }));
    expect(m.tracking_error).toBe(0);
    expect(m.information_ratio).toBeNull();
    expect(m.beta).toBeCloseTo(1, 12);
    expect(m.excess_return).toBeCloseTo(0, 9);
  });

  it.each([
    ["all missing", [NaN, NaN, NaN, NaN, NaN, NaN]],
    ["one shared point", [NaN, NaN, NaN, 100, NaN, NaN]],
    ["two shared points (one pair)", [NaN, 100, NaN, 101, NaN, NaN]],
  ])("%s ⇒ all benchmark metrics null", (_name, bench) => {
    const m = computeMetrics(input(S, { benchmarkValues: bench }));
    for (const k of ["beta", "alpha", "tracking_error", "information_ratio", "correlation"] as const) {
      expect(m[k], k).toBeNull();
    }
    if (_name !== "two shared points (one pair)") expect(m.excess_return).toBeNull();
  });

  it("null benchmarkValues behaves like no benchmark", () => {
    const m = computeMetrics(input(S, { benchmarkValues: null }));
    expect([m.beta, m.alpha, m.tracking_error, m.information_ratio, m.excess_return, m.correlation]).toEqual([
      null, null, null, null, null, null,
    ]);
  });
});
