/**
 * A `DatasetStore` over any `SqlDriver`. A series is stored as rows of at most
 * `DATASET_CHUNK_BARS` bars, each column a blob of little-endian Float64 values (64 KiB per blob),
 * so no stored value comes near the 1 MB budget.
 */
import type { BarSeries, DataQualitySummary, LoadedSeries, Resolution } from "../../engine/types.ts";
import type { DatasetInfo, DatasetStore } from "../dataset-store.ts";
import { blobIntoFloats, floatsToBlob } from "./float-blobs.ts";
import { migrate } from "./schema.ts";
import type { SqlDriver } from "./sql-driver.ts";

/** Bars per stored row. */
export const DATASET_CHUNK_BARS = 8192;

const COLUMNS = ["timestamps", "open", "high", "low", "close", "volume"] as const;
type Column = (typeof COLUMNS)[number];
type ChunkRow = Record<Column, Uint8Array>;

function writeSeries(driver: SqlDriver, loaded: LoadedSeries, info: DatasetInfo): void {
  const { symbol, resolution } = loaded.series;
  const bars = loaded.series.timestamps.length;
  for (const column of COLUMNS) {
    if (loaded.series[column].length !== bars) throw new RangeError(`Series ${symbol}: column ${column} has ${loaded.series[column].length} values, expected ${bars}`);
  }
  driver.run("DELETE FROM dataset_chunks WHERE symbol = ? AND resolution = ?", [symbol, resolution]);
  driver.run("DELETE FROM datasets WHERE symbol = ? AND resolution = ?", [symbol, resolution]);
  driver.run("INSERT INTO datasets (symbol, resolution, bars, info_json, quality_json) VALUES (?, ?, ?, ?, ?)", [
    symbol,
    resolution,
    bars,
    JSON.stringify(info),
    JSON.stringify(loaded.quality),
  ]);
  for (let start = 0, idx = 0; start < bars; start += DATASET_CHUNK_BARS, idx++) {
    const end = Math.min(start + DATASET_CHUNK_BARS, bars);
    const blobs = COLUMNS.map((column) => floatsToBlob(loaded.series[column], start, end));
    driver.run(
      `INSERT INTO dataset_chunks (symbol, resolution, idx, ${COLUMNS.join(", ")}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [symbol, resolution, idx, ...blobs],
    );
  }
}

function readSeries(driver: SqlDriver, symbol: string, resolution: Resolution): LoadedSeries | null {
  return driver.transaction(() => {
    const head = driver.get<{ bars: number; quality_json: string }>("SELECT bars, quality_json FROM datasets WHERE symbol = ? AND resolution = ?", [symbol, resolution]);
    if (!head) return null;
    const columns = Object.fromEntries(COLUMNS.map((c) => [c, new Float64Array(head.bars)])) as Record<Column, Float64Array>;
    const rows = driver.all<ChunkRow>(
      `SELECT ${COLUMNS.join(", ")} FROM dataset_chunks WHERE symbol = ? AND resolution = ? ORDER BY idx`,
      [symbol, resolution],
    );
    let filled = 0;
    for (const row of rows) {
      let count = 0;
      for (const column of COLUMNS) count = blobIntoFloats(row[column], columns[column], filled);
      filled += count;
    }
    if (filled !== head.bars) throw new RangeError(`Corrupt dataset ${symbol}/${resolution}: ${filled} of ${head.bars} bars stored`);
    const series: BarSeries = { symbol, resolution, ...columns };
    return { series, quality: JSON.parse(head.quality_json) as DataQualitySummary };
  });
}

/** A dataset store over `driver`; creates or migrates the schema first. */
export function createSqlDatasetStore(driver: SqlDriver): DatasetStore {
  migrate(driver);
  return {
    async putDataset(series, info) {
      driver.transaction(() => writeSeries(driver, series, info));
    },

    async getDataset(symbol, resolution) {
      return readSeries(driver, symbol, resolution);
    },

    async getDatasetInfo(symbol, resolution) {
      const row = driver.get<{ info_json: string }>("SELECT info_json FROM datasets WHERE symbol = ? AND resolution = ?", [symbol, resolution]);
      return row ? (JSON.parse(row.info_json) as DatasetInfo) : null;
    },

    async listDatasets() {
      const rows = driver.all<{ info_json: string }>("SELECT info_json FROM datasets ORDER BY symbol, resolution");
      return rows.map((row) => JSON.parse(row.info_json) as DatasetInfo);
    },
  };
}
