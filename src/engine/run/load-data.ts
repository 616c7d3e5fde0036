/** Loads every series a run needs through its provider and checks their quality. */
import { assertQuality } from "../data/quality.ts";
import { EngineValidationError } from "../types.ts";
import type { BacktestRequest, EngineIssue, LoadedSeries, MarketDataProvider } from "../types.ts";
import { parseIsoInstant } from "../request/date-rules.ts";
import type { Pace } from "./cooperative.ts";
import { SlicePacer } from "./cooperative.ts";
import { loadProgress } from "./progress.ts";
import type { BacktestRunEvent } from "./run-types.ts";
import { throwIfAborted } from "./run-types.ts";

/** The series of a run: one per symbol (request order) and the benchmark's. */
export interface RunData {
  symbols: LoadedSeries[];
  benchmark: LoadedSeries | null;
}

/**
 * Loads each symbol, then the benchmark, one at a time (so the order of provider calls is
 * deterministic), yielding a progress event per series. Throws `EngineValidationError` when a
 * series has no bars in the range (all such series listed) or, in `fail` mode, when any series
 * has critical quality issues. A provider that answers synchronously (the sample generator) never
 * lets the host's event loop run by itself, so with `pace` the loop yields between series.
 */
export async function* loadRunData(
  request: BacktestRequest, provider: MarketDataProvider, signal?: AbortSignal, pace: Pace = {},
): AsyncGenerator<BacktestRunEvent, RunData> {
  const names = request.benchmark_symbol === null ? request.symbols : [...request.symbols, request.benchmark_symbol];
  const startMs = instant(request.start_date);
  const endMs = instant(request.end_date);
  const loaded: LoadedSeries[] = [];
  const pacer = new SlicePacer(pace);
  for (const name of names) {
    await pacer.pause();
    throwIfAborted(signal);
    const item = await provider.load(name, request.resolution, startMs, endMs);
    loaded.push(item);
    const message = `Loaded ${item.series.timestamps.length} ${request.resolution} bars of ${name} from ${provider.source}`;
    yield { type: "progress", progress: loadProgress(loaded.length, names.length), bars_processed: 0, bars_total: 0, message };
  }
  throwIfAborted(signal);
  checkNotEmpty(request, loaded);
  assertQuality(loaded.map((l) => l.quality), request.data_quality_mode);
  for (const l of loaded) {
    for (const issue of l.quality.issues) yield { type: "log", level: "warn", message: `${l.series.symbol}: ${issue}` };
  }
  return { symbols: loaded.slice(0, request.symbols.length), benchmark: request.benchmark_symbol === null ? null : loaded[loaded.length - 1] };
}

function checkNotEmpty(request: BacktestRequest, loaded: LoadedSeries[]): void {
  const issues: EngineIssue[] = [];
  loaded.forEach((l, i) => {
    if (l.series.timestamps.length > 0) return;
    const isBenchmark = i >= request.symbols.length;
    const loc = isBenchmark ? ["benchmark_symbol"] : ["symbols", i];
    const symbol = isBenchmark ? request.benchmark_symbol : request.symbols[i];
    issues.push({ loc, msg: `No ${request.resolution} bars for ${symbol} between ${request.start_date} and ${request.end_date}`, type: "value_error" });
  });
  if (issues.length > 0) throw new EngineValidationError(issues);
}

function instant(iso: string): number {
  const ms = parseIsoInstant(iso);
  if (ms === null) throw new EngineValidationError([{ loc: [], msg: `not a normalised date: ${iso}`, type: "value_error" }]);
  return ms;
}
