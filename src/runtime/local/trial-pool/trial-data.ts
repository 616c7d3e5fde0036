/**
 * The market data of one optimisation, packed for worker threads: every series the base backtest
 * needs over its full range in shared buffers, plus what the main thread's provider answered for
 * each range a trial loads (the full range and every train/validation window). A thread serves
 * `load` from this table, so its answers (bars, quality summary, errors) are exactly the
 * provider's. Used on both sides of the thread boundary; no host imports.
 */
import { EngineValidationError } from "../../../engine/index.ts";
import type { BarSeries, DataQualitySummary, EngineIssue, LoadedSeries, Resolution } from "../../../engine/index.ts";

/** Columns of a packed series, in buffer order. */
export const COLUMNS = ["timestamps", "open", "high", "low", "close", "volume"] as const;

/** One series in a shared buffer: the six float64 columns of `length` values each, back to back. */
export interface SharedBars {
  symbol: string;
  resolution: Resolution;
  length: number;
  buffer: SharedArrayBuffer;
}

/** A provider error, rebuilt in the thread with the same name, message and issues. */
export interface LoadFailure {
  name: string;
  message: string;
  /** Issues of an `EngineValidationError`; null for any other error. */
  issues: EngineIssue[] | null;
}

/** What the provider answered for one symbol and range. */
export type RangeAnswer =
  /** Bars `[from, to)` of the symbol's full-range series. */
  | { kind: "slice"; from: number; to: number; quality: DataQualitySummary }
  /** Bars that are not a slice of the full range (a provider whose bars depend on the range). */
  | { kind: "own"; bars: SharedBars; quality: DataQualitySummary }
  | { kind: "error"; error: LoadFailure };

/** Everything the trials of one optimisation load. */
export interface TrialData {
  /** The provider's `source`. */
  source: string;
  /** Symbol → its full-range bars (null when that load failed) and the answer per range key. */
  symbols: Record<string, { full: SharedBars | null; ranges: Record<string, RangeAnswer> }>;
  /** Bytes held in shared buffers (for the cache's accounting). */
  bytes: number;
}

/** Key of the range `[startMs, endMs)`. */
export function rangeKey(startMs: number, endMs: number): string {
  return `${startMs}/${endMs}`;
}

/** Copies `series` into a new shared buffer. */
export function packBars(series: BarSeries): SharedBars {
  const length = series.timestamps.length;
  const buffer = new SharedArrayBuffer(length * COLUMNS.length * 8);
  COLUMNS.forEach((c, k) => new Float64Array(buffer, k * length * 8, length).set(series[c]));
  return { symbol: series.symbol, resolution: series.resolution, length, buffer };
}

/** Views of bars `[from, to)` of `bars` (no copy). */
export function viewBars(bars: SharedBars, from = 0, to = bars.length): BarSeries {
  const column = (k: number) => new Float64Array(bars.buffer, (k * bars.length + from) * 8, to - from);
  return {
    symbol: bars.symbol, resolution: bars.resolution,
    timestamps: column(0), open: column(1), high: column(2), low: column(3), close: column(4), volume: column(5),
  };
}

/** Whether `loaded` is bit for bit bars `[from, from + loaded length)` of `full`. */
export function isSliceOf(loaded: BarSeries, full: BarSeries, from: number): boolean {
  const n = loaded.timestamps.length;
  if (loaded.symbol !== full.symbol || loaded.resolution !== full.resolution || from + n > full.timestamps.length) return false;
  for (const c of COLUMNS) {
    const a = loaded[c];
    const b = full[c];
    for (let i = 0; i < n; i++) if (!Object.is(a[i], b[from + i])) return false;
  }
  return true;
}

/** The answer a thread gives for `answer`: fresh views and a copy of the quality summary. */
export function loadedFrom(full: SharedBars | null, answer: Exclude<RangeAnswer, { kind: "error" }>): LoadedSeries {
  const quality = { ...answer.quality, issues: [...answer.quality.issues] };
  if (answer.kind === "own") return { series: viewBars(answer.bars), quality };
  if (full === null) throw new Error("trial data: a slice answer without full-range bars");
  return { series: viewBars(full, answer.from, answer.to), quality };
}

/** The serialisable form of a thrown value. */
export function toLoadFailure(error: unknown): LoadFailure {
  if (!(error instanceof Error)) return { name: "Error", message: String(error), issues: null };
  const issues = error instanceof EngineValidationError ? error.issues : null;
  return { name: error.name, message: error.message, issues };
}
