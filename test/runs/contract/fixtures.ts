/** Builders of runs, events, results and series for the store contract suite. */
import type { DatasetInfo } from "../../../src/runs/dataset-store.ts";
import type { LoadedSeries, Resolution } from "../../../src/engine/types.ts";
import { RESULT_SECTIONS, type ResultParts, type ResultSection } from "../../../src/runs/run-store.ts";
import type { RunEventDraft, RunRecord, RunState } from "../../../src/runs/run-types.ts";

/** `2026-03-01T00:00:00.000Z` plus `seconds`. */
export function at(seconds: number): string {
  return new Date(Date.UTC(2026, 2, 1) + seconds * 1000).toISOString();
}

/** A run record in `state`, created at `createdAt`. */
export function runRecord(runId: string, createdAt: string, state: RunState = "queued", keyId: string | null = "a1b2c3d4e5f6"): RunRecord {
  return {
    status: { run_id: runId, state, progress: 0, created_at: createdAt, started_at: null, finished_at: null, error: null },
    request: {
      symbols: ["AAPL", "MSFT"],
      start_date: "2024-01-01T00:00:00Z",
      end_date: "2024-06-30T00:00:00Z",
      resolution: "day",
      strategy: { name: "sma_crossover", params: { fast: 10, slow: 30 } },
      execution: { slippage_bps: 1.5 },
      initial_capital: 100_000,
      currency: "USD",
      timezone: "UTC",
      benchmark_symbol: null,
      portfolio_construction: null,
      risk_free_rate: 0.02,
      data_source: "sample",
      csv_data_path: null,
      data_quality_mode: "warn",
      seed: 42,
    },
    key_id: keyId,
  };
}

/** A `state` event draft. */
export function stateDraft(state: RunState, timestamp: string): RunEventDraft {
  return { type: "state", timestamp, payload: { state } };
}

/** A `progress` event draft. */
export function progressDraft(n: number, timestamp = at(n)): RunEventDraft {
  return { type: "progress", timestamp, payload: { progress: n / 1000, bars_processed: n, bars_total: 1000 } };
}

/** A split result: a summary and, per section, `chunkCounts[section]` chunks (default none). */
export function resultParts(summaryJson: string, chunkCounts: Partial<Record<ResultSection, number>> = {}, tag = "r"): ResultParts {
  const sections = Object.fromEntries(
    RESULT_SECTIONS.map((section) => {
      const count = chunkCounts[section] ?? 0;
      const chunks = Array.from({ length: count }, (_, i) => JSON.stringify([{ tag, section, chunk: i }]));
      return [section, { total: count, chunks }];
    }),
  ) as ResultParts["sections"];
  return { summaryJson, sections };
}

/** A series of `bars` bars whose values come from `value(i, column)`. */
export function series(symbol: string, resolution: Resolution, bars: number, value: (i: number, column: number) => number): LoadedSeries {
  const column = (c: number) => Float64Array.from({ length: bars }, (_, i) => value(i, c));
  return {
    series: {
      symbol,
      resolution,
      timestamps: Float64Array.from({ length: bars }, (_, i) => Date.UTC(2020, 0, 1) + i * 60_000),
      open: column(1),
      high: column(2),
      low: column(3),
      close: column(4),
      volume: column(5),
    },
    quality: {
      symbol,
      rows_seen: bars + 1,
      bars,
      duplicate_timestamps: 1,
      missing_intervals: 0,
      inconsistent_ohlc: 0,
      negative_prices: 0,
      negative_volume: 0,
      sample_data: false,
      issues: ["1 duplicate timestamp dropped"],
      has_critical_issues: false,
    },
  };
}

/** The listing info of a series. */
export function datasetInfo(loaded: LoadedSeries, uploadedAt: string, fingerprint = "f".repeat(64)): DatasetInfo {
  const { timestamps } = loaded.series;
  const n = timestamps.length;
  return {
    symbol: loaded.series.symbol,
    resolution: loaded.series.resolution,
    bars: n,
    start: n > 0 ? new Date(timestamps[0]).toISOString() : null,
    end: n > 0 ? new Date(timestamps[n - 1]).toISOString() : null,
    uploaded_at: uploadedAt,
    fingerprint,
    quality: loaded.quality,
  };
}
