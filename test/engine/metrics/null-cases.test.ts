import { describe, expect, it } from "vitest";
import { computeMetrics } from "../../../src/engine/metrics/index.ts";
import type { MetricsSummary } from "../../../src/engine/metrics/index.ts";
import { DAY, T0, input } from "./fixtures.ts";

type Key = keyof MetricsSummary;

/** Every `number | null` must be a finite number or null, never NaN/Infinity. */
function expectNoNonFinite(m: MetricsSummary): void {
  for (const [k, v] of Object.entries(m)) {
    if (v !== null) expect(Number.isFinite(v), k).toBe(true);
  }
}

describe("summary null cases", () => {
  const cases: [string, Parameters<typeof input>[0], Parameters<typeof input>[1], Partial<Record<Key, number | null>>][] = [
    [
      "empty curve",
      [],
      {},
      {
        final_value: 100, total_return: null, annualized_return: null, volatility: null, sharpe_ratio: null,
        sortino_ratio: null, calmar_ratio: null, max_drawdown: 0, max_drawdown_duration_days: 0, var_95: null,
        cvar_95: null, skewness: null, kurtosis: null, turnover: null, periods_per_year: null,
      },
    ],
    [
      "one point (no returns, no elapsed time)",
      [90],
      {},
      {
        final_value: 90, total_return: -10, annualized_return: null, volatility: null, sharpe_ratio: null,
        sortino_ratio: null, calmar_ratio: null, max_drawdown: 10, max_drawdown_duration_days: 0,
        var_95: null, cvar_95: null, skewness: null, periods_per_year: null,
      },
    ],
    [
      "two points at the same timestamp (zero elapsed time)",
      [100, 110],
      { timestamps: [T0, T0] },
      { total_return: 10, annualized_return: null, periods_per_year: null, volatility: null, sharpe_ratio: null, var_95: -0.1 },
    ],
    [
      // One return: VaR exists (−0.05 as a loss fraction is a 5 % loss), dispersion needs two.
      "two points (one return)",
      [100, 95],
      {},
      { volatility: null, sharpe_ratio: null, sortino_ratio: null, skewness: null, kurtosis: null, var_95: 0.05, cvar_95: 0.05, periods_per_year: 365.25 },
    ],
    [
      // Returns 0.1, −0.1: mean 0, sample var 0.02; skewness needs 3 returns.
      "three points (two returns)",
      [100, 110, 99],
      {},
      { skewness: null, kurtosis: null, sharpe_ratio: 0 },
    ],
    [
      // Returns 0.1, −0.1, 0.1: skewness exists (see below), kurtosis needs 4 returns.
      "four points (three returns)",
      [100, 110, 99, 108.9],
      {},
      { kurtosis: null },
    ],
    [
      "flat curve (zero std, no drawdown)",
      [100, 100, 100, 100, 100],
      {},
      {
        volatility: 0, sharpe_ratio: null, sortino_ratio: null, calmar_ratio: null, max_drawdown: 0,
        skewness: null, kurtosis: null, var_95: 0, cvar_95: 0, annualized_return: 0, total_return: 0,
      },
    ],
    [
      // Returns +10 %, +1 %, +5 %: nothing below rf = 0 ⇒ downside deviation 0.
      "only gains (no downside)",
      [100, 110, 111.1, 116.655],
      {},
      { sortino_ratio: null, calmar_ratio: null, max_drawdown: 0, var_95: -0.01 },
    ],
    [
      // A previous value of 0 makes the next return undefined ⇒ all return statistics null.
      "equity hits zero",
      [100, 50, 0, 0, 0],
      {},
      {
        volatility: null, sharpe_ratio: null, sortino_ratio: null, var_95: null, cvar_95: null, skewness: null,
        kurtosis: null, annualized_return: -100, max_drawdown: 100, calmar_ratio: -1, total_return: -100,
        max_drawdown_duration_days: 4,
      },
    ],
    [
      "negative final equity (no real CAGR)",
      [100, 50, -10],
      {},
      { annualized_return: null, calmar_ratio: null, total_return: -110, max_drawdown: 110 },
    ],
    [
      "non-positive mean equity",
      [100, -300],
      {},
      { turnover: null },
    ],
  ];

  it.each(cases)("%s", (_name, values, over, expected) => {
    const m = computeMetrics(input(values, over));
    expectNoNonFinite(m);
    for (const [k, v] of Object.entries(expected)) {
      if (v === null) expect(m[k as Key], k).toBeNull();
      else expect(m[k as Key] as number, k).toBeCloseTo(v, 12);
    }
  });

  it("skewness exists with three returns (0.1, −0.1, 0.1 ⇒ G1 = −√3 ≈ −1.7320508)", () => {
    // mean 1/30, d = (2/30, −4/30, 2/30): m2 = 24/2700, m3 = −48/81000;
    // g1 = m3 / m2^1.5 = −0.7071068, G1 = g1 · √6 / 1 = −1.7320508
    expect(computeMetrics(input([100, 110, 99, 108.9])).skewness).toBeCloseTo(-Math.sqrt(3), 9);
  });

  it("an intraday curve has fractional elapsed time", () => {
    const hour = DAY / 24;
    const m = computeMetrics(input([100, 99, 100.5], { timestamps: [T0, T0 + hour, T0 + 2 * hour] }));
    // 2 periods over 2 h = 2 / (2 / 8766) = 8766 periods a year (365.25 × 24)
    expect(m.periods_per_year).toBeCloseTo(8766, 9);
    expect(m.max_drawdown_duration_days).toBeCloseTo(2 / 24, 12);
  });
});
