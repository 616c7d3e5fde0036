/**
 * Main-thread side of the trial data: asks the optimisation's provider, once, for every series
 * and range its trials load, and packs the answers into shared buffers for the worker threads.
 */
import { EngineValidationError, splitWindows } from "../../../engine/index.ts";
import type { BarSeries, MarketDataProvider, OptimizationRequest } from "../../../engine/index.ts";
import { lowerBound } from "../../../engine/data/index.ts";
import { parseIsoInstant } from "../../../engine/request/date-rules.ts";
import type { RangeAnswer, SharedBars, TrialData } from "./trial-data.ts";
import { isSliceOf, packBars, rangeKey, toLoadFailure } from "./trial-data.ts";

/** The `[startMs, endMs)` ranges a trial of `request` loads: the full range first, then each window's. */
export function trialRanges(request: OptimizationRequest): [number, number][] {
  const base = request.base_backtest;
  const dates = [base, ...splitWindows(request).flatMap((w) => [w.train, w.validation])];
  const seen = new Map<string, [number, number]>();
  for (const d of dates) {
    const range: [number, number] = [instant(d.start_date), instant(d.end_date)];
    seen.set(rangeKey(...range), range);
  }
  return [...seen.values()];
}

/**
 * Loads each symbol of the base backtest and its benchmark symbol (as the engine's `loadRunData`
 * does) over every range of {@link trialRanges}, one load at a time. A load that throws is
 * recorded and thrown again by the thread, so a trial fails exactly as it would in-process.
 */
export async function loadTrialData(request: OptimizationRequest, provider: MarketDataProvider, signal?: AbortSignal): Promise<TrialData> {
  const base = request.base_backtest;
  const names = [...new Set(base.benchmark_symbol === null ? base.symbols : [...base.symbols, base.benchmark_symbol])];
  const [full, ...windows] = trialRanges(request);
  const data: TrialData = { source: provider.source, symbols: {}, bytes: 0 };
  for (const name of names) {
    signal?.throwIfAborted();
    const ranges: Record<string, RangeAnswer> = {};
    let packed: SharedBars | null = null;
    let fullSeries: BarSeries | null = null;
    try {
      const loaded = await provider.load(name, base.resolution, full[0], full[1]);
      fullSeries = loaded.series;
      packed = packBars(loaded.series);
      data.bytes += packed.buffer.byteLength;
      ranges[rangeKey(...full)] = { kind: "slice", from: 0, to: packed.length, quality: loaded.quality };
    } catch (error) {
      ranges[rangeKey(...full)] = { kind: "error", error: toLoadFailure(error) };
    }
    for (const [startMs, endMs] of windows) {
      ranges[rangeKey(startMs, endMs)] = await answer(provider, name, base.resolution, startMs, endMs, fullSeries);
      const a = ranges[rangeKey(startMs, endMs)];
      if (a.kind === "own") data.bytes += a.bars.buffer.byteLength;
    }
    data.symbols[name] = { full: packed, ranges };
  }
  return data;
}

async function answer(
  provider: MarketDataProvider, name: string, resolution: OptimizationRequest["base_backtest"]["resolution"],
  startMs: number, endMs: number, full: BarSeries | null,
): Promise<RangeAnswer> {
  try {
    const loaded = await provider.load(name, resolution, startMs, endMs);
    const from = full === null ? 0 : lowerBound(full.timestamps, startMs);
    if (full !== null && isSliceOf(loaded.series, full, from)) {
      return { kind: "slice", from, to: from + loaded.series.timestamps.length, quality: loaded.quality };
    }
    return { kind: "own", bars: packBars(loaded.series), quality: loaded.quality };
  } catch (error) {
    return { kind: "error", error: toLoadFailure(error) };
  }
}

function instant(iso: string): number {
  const ms = parseIsoInstant(iso);
  if (ms === null) throw new EngineValidationError([{ loc: [], msg: `not a normalised date: ${iso}`, type: "value_error" }]);
  return ms;
}
