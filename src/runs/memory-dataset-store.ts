/**
 * A `DatasetStore` in memory: for tests, embedding and development. Series are copied on the way
 * in and out, so a caller that mutates its arrays never changes what is stored.
 */
import type { BarSeries, LoadedSeries, Resolution } from "../engine/types.ts";
import type { DatasetInfo, DatasetStore } from "./dataset-store.ts";

interface StoredDataset {
  series: LoadedSeries;
  info: DatasetInfo;
}

function copySeries(series: BarSeries): BarSeries {
  return {
    symbol: series.symbol,
    resolution: series.resolution,
    timestamps: series.timestamps.slice(),
    open: series.open.slice(),
    high: series.high.slice(),
    low: series.low.slice(),
    close: series.close.slice(),
    volume: series.volume.slice(),
  };
}

function copyLoaded(loaded: LoadedSeries): LoadedSeries {
  return { series: copySeries(loaded.series), quality: structuredClone(loaded.quality) };
}

/** Symbol, then resolution, in plain code-unit order (the same order as the SQL store). */
function bySymbolThenResolution(a: DatasetInfo, b: DatasetInfo): number {
  if (a.symbol !== b.symbol) return a.symbol < b.symbol ? -1 : 1;
  if (a.resolution !== b.resolution) return a.resolution < b.resolution ? -1 : 1;
  return 0;
}

/** A fresh, empty in-memory dataset store. */
export function createInMemoryDatasetStore(): DatasetStore {
  const datasets = new Map<string, StoredDataset>();
  const keyOf = (symbol: string, resolution: Resolution) => `${resolution}\u0000${symbol}`;

  return {
    async putDataset(series, info) {
      const stored = { series: copyLoaded(series), info: structuredClone(info) };
      datasets.set(keyOf(series.series.symbol, series.series.resolution), stored);
    },

    async getDataset(symbol, resolution) {
      const stored = datasets.get(keyOf(symbol, resolution));
      return stored ? copyLoaded(stored.series) : null;
    },

    async getDatasetInfo(symbol, resolution) {
      const stored = datasets.get(keyOf(symbol, resolution));
      return stored ? structuredClone(stored.info) : null;
    },

    async listDatasets() {
      return [...datasets.values()].map((d) => structuredClone(d.info)).sort(bySymbolThenResolution);
    },
  };
}
