/**
 * A `MarketDataProvider` over series already in memory: used by tests and, later, by the
 * dataset store.
 */
import { EngineValidationError } from "../types.ts";
import type { BarSeries, LoadedSeries, MarketDataProvider, Resolution } from "../types.ts";
import { cleanSummary, sliceSeries } from "./series.ts";

function isLoaded(value: BarSeries | LoadedSeries): value is LoadedSeries {
  return "series" in value && "quality" in value;
}

/**
 * Provider named `source` serving `map` (keyed by exact symbol). `load` returns the bars with
 * `startMs <= timestamp < endMs` as views (no copy). For a stored `LoadedSeries` the summary is
 * the stored one (its counts describe the whole stored series) with `bars` set to the slice
 * length; for a bare `BarSeries` a clean summary of the slice (missing intervals counted,
 * `sample_data: false`). An unknown symbol throws `EngineValidationError` (loc `["symbols"]`)
 * naming it; a stored series of another resolution throws (loc `["resolution"]`).
 */
export function createInMemoryProvider(source: string, map: ReadonlyMap<string, BarSeries | LoadedSeries>): MarketDataProvider {
  return {
    source,
    async load(symbol: string, resolution: Resolution, startMs: number, endMs: number): Promise<LoadedSeries> {
      const stored = map.get(symbol);
      if (stored === undefined) {
        const msg = `no data for symbol "${symbol}" in data source "${source}"`;
        throw new EngineValidationError([{ loc: ["symbols"], msg, type: "value_error" }]);
      }
      const full = isLoaded(stored) ? stored.series : stored;
      if (full.resolution !== resolution) {
        const msg = `data for "${symbol}" in data source "${source}" has resolution "${full.resolution}", not "${resolution}"`;
        throw new EngineValidationError([{ loc: ["resolution"], msg, type: "value_error" }]);
      }
      const series = sliceSeries(full, startMs, endMs);
      if (!isLoaded(stored)) return { series, quality: cleanSummary(series, false) };
      return { series, quality: { ...stored.quality, issues: [...stored.quality.issues], bars: series.timestamps.length } };
    },
  };
}
