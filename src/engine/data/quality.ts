/**
 * Validation of raw rows into a clean `BarSeries` plus its `DataQualitySummary` (engine spec
 * §2.5), and the `fail`-mode gate over all symbols of a run.
 */
import { EngineValidationError } from "../types.ts";
import type { BarSeries, DataQualitySummary, EngineIssue, LoadedSeries, Resolution } from "../types.ts";
import { toIso } from "../util/time.ts";
import type { RawBarRows } from "./raw-bars.ts";
import { countMissingIntervals, missingIssue } from "./series.ts";

/** How a run treats critical data issues: `warn` reports and continues, `fail` rejects the run. */
export type DataQualityMode = "warn" | "fail";

/** Options of `buildSeries`. */
export interface BuildSeriesOptions {
  /** Marks the summary as generated sample data. */
  sampleData: boolean;
  /** `fail` throws right away when this series has critical issues; default `warn`. */
  mode?: DataQualityMode;
}

const MAX_EXAMPLES = 3;

type Category = "duplicate" | "inconsistent" | "negativePrice" | "negativeVolume";

function stableOrder(rows: RawBarRows): Int32Array {
  const n = rows.length;
  const ts = rows.timestamps;
  const order = new Int32Array(n);
  let sorted = true;
  for (let i = 0; i < n; i++) {
    order[i] = i;
    if (i > 0 && !(ts[i] >= ts[i - 1])) sorted = false;
  }
  if (!sorted) order.sort((a, b) => ts[a] - ts[b] || a - b);
  return order;
}

function describeRow(rows: RawBarRows, i: number): string {
  const t = rows.timestamps[i];
  const when = Number.isFinite(t) ? toIso(t) : String(t);
  return rows.lines === undefined ? when : `line ${rows.lines[i]} (${when})`;
}

function copyRows(rows: RawBarRows, kept: Int32Array, count: number, symbol: string, resolution: Resolution): BarSeries {
  const pick = (column: Float64Array): Float64Array => {
    const out = new Float64Array(count);
    for (let k = 0; k < count; k++) out[k] = column[kept[k]];
    return out;
  };
  return {
    symbol, resolution,
    timestamps: pick(rows.timestamps), open: pick(rows.open), high: pick(rows.high),
    low: pick(rows.low), close: pick(rows.close), volume: pick(rows.volume),
  };
}

/**
 * Sorts rows by timestamp (stable) and drops critical rows: later rows repeating a timestamp
 * (the first row in source order wins, even if it is itself dropped as invalid), rows with
 * inconsistent OHLC (`low > min(open, close)`, `high < max(open, close)`, `low > high`, or any
 * non-finite value), rows with a price ≤ 0 (counted as negative prices: a zero price has no
 * return), and rows with negative volume. A row in several categories is counted in each.
 * Missing intervals (see `countMissingIntervals`) are counted on the kept bars; they are not
 * critical. Issues are readable strings naming up to three example rows per kind.
 */
export function buildSeries(symbol: string, resolution: Resolution, rows: RawBarRows, options: BuildSeriesOptions): LoadedSeries {
  const order = stableOrder(rows);
  const kept = new Int32Array(rows.length);
  const counts: Record<Category, number> = { duplicate: 0, inconsistent: 0, negativePrice: 0, negativeVolume: 0 };
  const examples: Record<Category, string[]> = { duplicate: [], inconsistent: [], negativePrice: [], negativeVolume: [] };
  const note = (kind: Category, i: number): void => {
    counts[kind]++;
    if (examples[kind].length < MAX_EXAMPLES) examples[kind].push(describeRow(rows, i));
  };
  let keptCount = 0;
  let lastTs = Number.NaN;
  for (let k = 0; k < order.length; k++) {
    const i = order[k];
    const t = rows.timestamps[i];
    if (t === lastTs) {
      note("duplicate", i);
      continue;
    }
    lastTs = t;
    const o = rows.open[i], h = rows.high[i], l = rows.low[i], c = rows.close[i], v = rows.volume[i];
    const finite = Number.isFinite(t) && Number.isFinite(o) && Number.isFinite(h) && Number.isFinite(l) && Number.isFinite(c) && Number.isFinite(v);
    const inconsistent = !finite || l > Math.min(o, c) || h < Math.max(o, c) || l > h;
    const negativePrice = o <= 0 || h <= 0 || l <= 0 || c <= 0;
    if (inconsistent) note("inconsistent", i);
    if (negativePrice) note("negativePrice", i);
    if (v < 0) note("negativeVolume", i);
    if (!inconsistent && !negativePrice && !(v < 0)) kept[keptCount++] = i;
  }
  const series = copyRows(rows, kept, keptCount, symbol, resolution);
  const quality = summarize(symbol, rows.length, series, counts, examples, options.sampleData);
  if (options.mode === "fail") assertQuality([quality], "fail");
  return { series, quality };
}

function summarize(
  symbol: string, rowsSeen: number, series: BarSeries,
  counts: Record<Category, number>, examples: Record<Category, string[]>, sampleData: boolean,
): DataQualitySummary {
  const missing = countMissingIntervals(symbol, series.resolution, series.timestamps);
  const issues: string[] = [];
  const add = (kind: Category, singular: string, plural: string, detail: string): void => {
    const n = counts[kind];
    if (n === 0) return;
    const more = n > MAX_EXAMPLES ? ", …" : "";
    issues.push(`${n} ${n === 1 ? singular : plural} ${detail}: ${examples[kind].join(", ")}${more}`);
  };
  add("duplicate", "duplicate timestamp", "duplicate timestamps", "(first row kept, later rows dropped)");
  add("inconsistent", "row", "rows", "with inconsistent OHLC dropped (low above min(open, close), high below max(open, close), low above high, or a non-finite value)");
  add("negativePrice", "row", "rows", "with a negative or zero price dropped");
  add("negativeVolume", "row", "rows", "with negative volume dropped");
  if (missing > 0) issues.push(missingIssue(missing, series.resolution));
  return {
    symbol,
    rows_seen: rowsSeen,
    bars: series.timestamps.length,
    duplicate_timestamps: counts.duplicate,
    missing_intervals: missing,
    inconsistent_ohlc: counts.inconsistent,
    negative_prices: counts.negativePrice,
    negative_volume: counts.negativeVolume,
    sample_data: sampleData,
    issues,
    has_critical_issues: counts.duplicate + counts.inconsistent + counts.negativePrice + counts.negativeVolume > 0,
  };
}

/**
 * In `fail` mode, throws one `EngineValidationError` (loc `["data_quality_mode"]`, one issue per
 * affected symbol listing all its issues) when any summary has critical issues. `warn` never throws.
 */
export function assertQuality(summaries: readonly DataQualitySummary[], mode: DataQualityMode): void {
  if (mode !== "fail") return;
  const issues: EngineIssue[] = summaries
    .filter((s) => s.has_critical_issues)
    .map((s) => ({
      loc: ["data_quality_mode"],
      msg: `data quality check failed for ${s.symbol}: ${s.issues.join("; ")} (use data_quality_mode "warn" to run anyway)`,
      type: "data_quality",
    }));
  if (issues.length > 0) throw new EngineValidationError(issues);
}
