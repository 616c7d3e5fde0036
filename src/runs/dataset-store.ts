/**
 * Storage of uploaded data series (the `dataset` and `default` data sources, engine spec §2).
 * Implementations: memory, SQLite (Node/Deno) and Durable Object storage (Workers).
 */
import type { DataQualitySummary, LoadedSeries, Resolution } from "../engine/types.ts";

/** What a listing shows about a stored series. */
export interface DatasetInfo {
  symbol: string;
  resolution: Resolution;
  /** Number of bars stored (after dropping critical rows). */
  bars: number;
  /** ISO-8601 UTC of the first and last bar; null when empty. */
  start: string | null;
  end: string | null;
  /** ISO-8601 UTC of the upload. */
  uploaded_at: string;
  /** SHA-256 fingerprint of the stored bars (engine `fingerprintSeries`). */
  fingerprint: string;
  quality: DataQualitySummary;
}

/** Persistence of uploaded series; one series per (symbol, resolution), replaced on upload. */
export interface DatasetStore {
  putDataset(series: LoadedSeries, info: DatasetInfo): Promise<void>;
  getDataset(symbol: string, resolution: Resolution): Promise<LoadedSeries | null>;
  getDatasetInfo(symbol: string, resolution: Resolution): Promise<DatasetInfo | null>;
  /** Sorted by symbol, then resolution. */
  listDatasets(): Promise<DatasetInfo[]>;
}
