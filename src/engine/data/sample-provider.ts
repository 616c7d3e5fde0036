/**
 * The `sample` data source: deterministic generated bars for any ticker, refusing requests that
 * are too large or outside the supported years.
 */
import { EngineValidationError } from "../types.ts";
import type { LoadedSeries, MarketDataProvider, Resolution } from "../types.ts";
import { toIso } from "../util/time.ts";
import { estimateBarCount } from "./sample-calendar.ts";
import { generateSampleSeries } from "./sample-generator.ts";
import { cleanSummary } from "./series.ts";

/** Most bars the sample source generates for one symbol in one request. */
export const MAX_SAMPLE_BARS = 5_000_000;

/** Earliest supported sample timestamp: 1900-01-01T00:00:00Z. */
export const SAMPLE_MIN_MS = -2_208_988_800_000;

/** End (exclusive) of the supported sample range: 2200-01-01T00:00:00Z. */
export const SAMPLE_MAX_MS = 7_258_118_400_000;

/**
 * Throws `EngineValidationError` when a sample request is out of bounds: a start before
 * 1900-01-01 (loc `start_date`), an end after 2200-01-01 (loc `end_date`), or more than
 * `MAX_SAMPLE_BARS` bars for `symbol` (loc `end_date`). Usable by request validation up front.
 */
export function checkSampleRequest(symbol: string, resolution: Resolution, startMs: number, endMs: number): void {
  if (!(startMs >= SAMPLE_MIN_MS)) {
    throw new EngineValidationError([
      { loc: ["start_date"], msg: `sample data starts at ${toIso(SAMPLE_MIN_MS)}`, type: "value_error" },
    ]);
  }
  if (!(endMs <= SAMPLE_MAX_MS)) {
    throw new EngineValidationError([
      { loc: ["end_date"], msg: `sample data ends at ${toIso(SAMPLE_MAX_MS)}`, type: "value_error" },
    ]);
  }
  const bars = estimateBarCount(symbol, resolution, startMs, endMs);
  if (bars > MAX_SAMPLE_BARS) {
    const msg =
      `the requested range would produce ${bars} ${resolution} bars for ${symbol}, more than the ` +
      `limit of ${MAX_SAMPLE_BARS} bars per symbol; shorten the date range or use a coarser resolution`;
    throw new EngineValidationError([{ loc: ["end_date"], msg, type: "value_error" }]);
  }
}

/**
 * A `MarketDataProvider` (source `"sample"`) over the built-in generator. Every loaded series is
 * clean by construction; its summary has `sample_data: true`.
 */
export function createSampleProvider(): MarketDataProvider {
  return {
    source: "sample",
    async load(symbol: string, resolution: Resolution, startMs: number, endMs: number): Promise<LoadedSeries> {
      checkSampleRequest(symbol, resolution, startMs, endMs);
      const series = generateSampleSeries(symbol, resolution, startMs, endMs);
      return { series, quality: cleanSummary(series, true) };
    },
  };
}
