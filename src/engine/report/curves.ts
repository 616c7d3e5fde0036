/** The equity curve and the benchmark's buy-and-hold curve of the result. */
import { drawdownPct } from "../metrics/drawdown.ts";
import { cumulativeReturnsPct, periodReturnsPct } from "../metrics/returns.ts";
import type { EquitySample } from "../simulation-types.ts";
import type { BarSeries } from "../types.ts";
import { toIso } from "../util/time.ts";
import type { BenchmarkPoint, EquityPoint } from "./record-types.ts";

/** Throws when `x` is not finite: a non-finite value in a result is an engine bug, not data. */
export function requireFinite(x: number | null, what: string): number {
  if (x === null || !Number.isFinite(x)) throw new Error(`internal: ${what} is not finite`);
  return x;
}

/** Equity values as a typed array, for the metrics functions. */
export function equityValues(equity: readonly EquitySample[]): Float64Array {
  const values = new Float64Array(equity.length);
  for (let i = 0; i < equity.length; i++) values[i] = equity[i].value;
  return values;
}

/** Builds `equity_curve[]`: returns, period returns and drawdowns in %. */
export function buildEquityCurve(equity: readonly EquitySample[], initialCapital: number): EquityPoint[] {
  const values = equityValues(equity);
  const cumulative = cumulativeReturnsPct(values, initialCapital);
  const period = periodReturnsPct(values);
  const drawdown = drawdownPct(values, initialCapital);
  return equity.map((s, i) => ({
    timestamp: toIso(s.timestamp),
    value: s.value,
    cash: s.cash,
    positions: s.positions,
    total_pnl: s.value - initialCapital,
    returns: requireFinite(cumulative[i], "equity return"),
    period_return: period[i],
    drawdown: requireFinite(drawdown[i], "drawdown"),
  }));
}

/**
 * Values of a buy-and-hold of `series` with the full `initialCapital` on `timestamps`: shares are
 * bought at the close of the last bar at or before the first timestamp (the first bar when the
 * series starts later), and each point is valued at the last close at or before it (forward
 * fill). Points before the benchmark's first bar are NaN (missing). Fractional shares; no costs.
 * `null` when the series has no bars or its entry close is not positive.
 *
 * This forward-filled curve is what `benchmark_curve[]` shows (a value at every equity point
 * from the benchmark's first bar on, so the two curves plot on one axis). The benchmark metrics
 * must not read it: they take {@link benchmarkBarValues}, which keeps only the benchmark's own bars.
 */
export function benchmarkValues(series: BarSeries, timestamps: Float64Array, initialCapital: number): Float64Array | null {
  const n = series.timestamps.length;
  if (n === 0 || timestamps.length === 0) return null;
  let j = 0;
  while (j + 1 < n && series.timestamps[j + 1] <= timestamps[0]) j++;
  const entry = series.close[j];
  if (!(entry > 0)) return null;
  const shares = initialCapital / entry;
  const out = new Float64Array(timestamps.length);
  let k = -1;
  for (let i = 0; i < timestamps.length; i++) {
    while (k + 1 < n && series.timestamps[k + 1] <= timestamps[i]) k++;
    out[i] = k < j ? Number.NaN : shares * series.close[k];
  }
  return out;
}

/**
 * `values` (from {@link benchmarkValues} on the same `timestamps`) restricted to the timestamps
 * both series share: a copy that keeps `values[i]` only where `series` has a bar of exactly
 * `timestamps[i]`, and is NaN everywhere else (forward-filled points, points before the
 * benchmark's first bar). This is the benchmark input of the metrics (engine spec §6); `null`
 * stays `null`. Both timestamp arrays must be sorted ascending.
 */
export function benchmarkBarValues(values: Float64Array | null, series: BarSeries, timestamps: Float64Array): Float64Array | null {
  if (values === null) return null;
  const bars = series.timestamps;
  const out = new Float64Array(values.length);
  let j = 0;
  for (let i = 0; i < values.length; i++) {
    while (j < bars.length && bars[j] < timestamps[i]) j++;
    out[i] = j < bars.length && bars[j] === timestamps[i] ? values[i] : Number.NaN;
  }
  return out;
}

/**
 * Builds `benchmark_curve[]` from {@link benchmarkValues}, skipping missing (NaN) points: one
 * point per equity timestamp from the benchmark's first bar on, forward-filled where the
 * benchmark has no bar.
 */
export function buildBenchmarkCurve(values: Float64Array | null, timestamps: Float64Array, initialCapital: number): BenchmarkPoint[] {
  if (values === null) return [];
  const cumulative = cumulativeReturnsPct(values, initialCapital);
  const out: BenchmarkPoint[] = [];
  for (let i = 0; i < values.length; i++) {
    if (Number.isNaN(values[i])) continue;
    out.push({ timestamp: toIso(timestamps[i]), value: values[i], returns: requireFinite(cumulative[i], "benchmark return") });
  }
  return out;
}
