/** Shared inputs for the metric tests. */
import type { MetricsInput } from "../../../src/engine/metrics/index.ts";

export const DAY = 86_400_000;
export const T0 = Date.UTC(2024, 0, 1);

/** `n` daily UTC timestamps starting 2024-01-01. */
export function days(n: number): number[] {
  return Array.from({ length: n }, (_, i) => T0 + i * DAY);
}

/**
 * Six daily points from 100 with period returns +10 %, −5 %, +2 %, −10 %, +8 %:
 * 100, 110, 104.5, 106.59, 95.931, 103.60548 (exact decimal products).
 */
export const SERIES_A = [100, 110, 104.5, 106.59, 95.931, 103.60548];

/** A metrics input over `values` on daily timestamps with no fills. */
export function input(values: number[], over: Partial<MetricsInput> = {}): MetricsInput {
  return {
    initialCapital: 100,
    timestamps: days(values.length),
    values,
    fills: [],
    riskFreeRate: 0,
    exposureFraction: 0,
    ...over,
  };
}
