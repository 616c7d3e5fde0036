import { describe, expect, it } from "vitest";
import { computeMetrics } from "../../../src/engine/metrics/index.ts";
import { SERIES_A, input } from "./fixtures.ts";

/*
 * Hand computation for SERIES_A (initial capital 100, 6 daily points, 5 returns):
 *   r = [0.10, −0.05, 0.02, −0.10, 0.08], mean = 0.05 / 5 = 0.01
 *   deviations d = [0.09, −0.06, 0.01, −0.11, 0.07]
 *   Σd² = 0.0081 + 0.0036 + 0.0001 + 0.0121 + 0.0049 = 0.0288 ⇒ sample var 0.0072, std 0.0848528137…
 *   Σd³ = −0.000474, Σd⁴ = 0.000249
 *   elapsed 5 days ⇒ years = 5 / 365.25, ppy = 5 / years = 365.25, √ppy = 19.1115672…
 *   volatility = 0.0848528137 × 19.1115672 × 100 = 162.16658102087495 %
 *   total return = (103.60548 / 100 − 1) × 100 = 3.60548 %
 *   CAGR = 1.0360548^73.05 − 1 = 1229.5608461941618 %
 *   rf = 0: Sharpe = 0.01 / 0.0848528 × √365.25 = 2.2523136252899299
 *           downside dev = √((0.05² + 0.10²) / 5) = 0.05 ⇒ Sortino = 0.01 / 0.05 × √365.25 = 3.8223029707232785
 *   rf = 2 %: rf_p = 1.02^(1/365.25) − 1 = 5.4218108478648347e-5
 *           Sharpe = (0.01 − rf_p) / 0.0848528 × √365.25 = 2.2401020068435392
 *           DD = √(((−0.05 − rf_p)² + (−0.10 − rf_p)²) / 5) = 0.050032532040163965 ⇒ Sortino 3.7991073127790542
 *   max drawdown: peak 110 (day 1), trough 95.931 ⇒ (110 − 95.931) / 110 = 12.79 %; never recovers
 *           ⇒ duration = day 5 − day 1 = 4 days; Calmar = 1229.5608461941618 / 12.79 = 96.134546223155731
 *   VaR/CVaR 95: k = ⌈0.05 × 5⌉ = 1 ⇒ worst return −0.10 ⇒ var 0.10, cvar 0.10
 *   m2 = 0.00576, m3 = −0.0000948, m4 = 0.0000498
 *   G1 = m3 / m2^1.5 × √(5·4) / 3 = −0.32327219741746096
 *   g2 = m4 / m2² − 3 = −1.4989872685…, G2 = (6 g2 + 6) · 4 / 6 = −1.9959490740740741
 * (Values with 40-digit decimal arithmetic, independent of the code under test.)
 */
describe("computeMetrics on a known six-point series", () => {
  const rows: [string, number | null, number][] = [
    ["initial_capital", 100, 12],
    ["final_value", 103.60548, 12],
    ["total_return", 3.60548, 10],
    ["annualized_return", 1229.5608461941618, 7],
    ["volatility", 162.16658102087495, 9],
    ["sharpe_ratio", 2.2523136252899299, 10],
    ["sortino_ratio", 3.8223029707232785, 10],
    ["calmar_ratio", 96.134546223155731, 8],
    ["max_drawdown", 12.79, 10],
    ["max_drawdown_duration_days", 4, 12],
    ["var_95", 0.1, 12],
    ["cvar_95", 0.1, 12],
    ["skewness", -0.32327219741746096, 10],
    ["kurtosis", -1.9959490740740741, 10],
    ["periods_per_year", 365.25, 9],
  ];
  const m = computeMetrics(input(SERIES_A));
  it.each(rows)("%s", (key, expected, digits) => {
    const got = m[key as keyof typeof m] as number;
    expect(got).toBeCloseTo(expected as number, digits);
  });

  it("uses the per-period risk-free rate in Sharpe and Sortino", () => {
    const withRf = computeMetrics(input(SERIES_A, { riskFreeRate: 0.02 }));
    expect(withRf.sharpe_ratio).toBeCloseTo(2.2401020068435392, 10);
    expect(withRf.sortino_ratio).toBeCloseTo(3.7991073127790542, 10);
    expect(withRf.volatility).toBeCloseTo(162.16658102087495, 9);
  });

  it("reports exposure and stable null benchmark keys", () => {
    const r = computeMetrics(input(SERIES_A, { exposureFraction: 0.5 }));
    expect(r.exposure_time_pct).toBe(50);
    for (const k of ["beta", "alpha", "tracking_error", "information_ratio", "excess_return", "correlation"] as const) {
      expect(r[k]).toBeNull();
    }
  });
});

describe("computeMetrics contract", () => {
  it("has exactly the specified keys", () => {
    expect(Object.keys(computeMetrics(input(SERIES_A))).sort()).toEqual(
      [
        "initial_capital", "final_value", "total_return", "annualized_return", "volatility",
        "sharpe_ratio", "sortino_ratio", "calmar_ratio", "max_drawdown", "max_drawdown_duration_days",
        "var_95", "cvar_95", "skewness", "kurtosis", "total_trades", "round_trips", "win_rate",
        "profit_factor", "average_win", "average_loss", "largest_win", "largest_loss",
        "total_commissions", "total_slippage_cost", "exposure_time_pct", "turnover",
        "periods_per_year", "beta", "alpha", "tracking_error", "information_ratio", "excess_return",
        "correlation",
      ].sort(),
    );
  });

  it("is deterministic and accepts typed or plain arrays alike", () => {
    const plain = JSON.stringify(computeMetrics(input(SERIES_A, { riskFreeRate: 0.03 })));
    const typed = computeMetrics({
      ...input(SERIES_A, { riskFreeRate: 0.03 }),
      timestamps: Float64Array.from(input(SERIES_A).timestamps as number[]),
      values: Float64Array.from(SERIES_A),
    });
    expect(JSON.stringify(typed)).toBe(plain);
    expect(JSON.stringify(computeMetrics(input(SERIES_A, { riskFreeRate: 0.03 })))).toBe(plain);
  });

  it.each([
    ["zero initial capital", { initialCapital: 0 }],
    ["NaN initial capital", { initialCapital: NaN }],
    ["length mismatch", { timestamps: [1, 2] }],
    ["exposure above 1", { exposureFraction: 1.5 }],
    ["non-finite risk-free rate", { riskFreeRate: Infinity }],
    ["benchmark length mismatch", { benchmarkValues: [1, 2] }],
    ["non-finite value", { values: [100, NaN, 101, 102, 103, 104] }],
    ["decreasing timestamps", { timestamps: [6, 5, 4, 3, 2, 1] }],
    ["non-finite fill", { fills: [{ realized_pnl: NaN, commission: 0, slippage_cost: 0, shares: 1, price: 1, closesPosition: true }] }],
  ])("throws RangeError on %s", (_name, over) => {
    expect(() => computeMetrics(input(SERIES_A, over))).toThrow(RangeError);
  });
});
