/** Requests, providers and an in-process reference for the trial pool's tests. */
import { createOptimizer, createSampleProvider, normalizeOptimizationRequest, runTrial } from "../../../../src/engine/index.ts";
import type { MarketDataProvider, OptimizationRequest, TrialResult, TrialSpec } from "../../../../src/engine/index.ts";
import { generateSampleSeries } from "../../../../src/engine/data/index.ts";
import { DataSources } from "../../../../src/runs/data-sources.ts";
import { parseDatasetUpload } from "../../../../src/runs/dataset-upload.ts";
import { createInMemoryDatasetStore } from "../../../../src/runs/memory-dataset-store.ts";

const CTX = { runtime: "node", csvAllowed: false } as const;

/** A small grid optimisation of `ma_crossover` (walk-forward, so several windows per trial). */
export function smallRequest(base: Record<string, unknown> = {}, patch: Record<string, unknown> = {}): OptimizationRequest {
  return normalizeOptimizationRequest({
    name: "pool-test", strategy: "grid", grid_steps: 3, max_trials: 9, concurrency: 9, validation_mode: "walk_forward", walk_forward_windows: 2,
    search_space: { parameters: [{ name: "short_period", kind: "int_range", low: 3, high: 9 }, { name: "long_period", kind: "int_range", low: 8, high: 30 }] },
    base_backtest: {
      symbols: ["AAA", "BBB"], benchmark_symbol: "SPY", start_date: "2016-01-01", end_date: "2020-01-01",
      strategy: { name: "ma_crossover", params: {} }, ...base,
    },
    ...patch,
  }, CTX);
}

/** The first `n` trials the optimiser proposes for `request`. */
export function firstTrials(request: OptimizationRequest, n: number): TrialSpec[] {
  return createOptimizer(request).nextTrials(n);
}

/** `runTrial` in this thread with `provider`, the reference the pool must match. */
export function inProcess(request: OptimizationRequest, specs: TrialSpec[], provider: () => MarketDataProvider): Promise<TrialResult[]> {
  return Promise.all(specs.map((spec) => runTrial(spec, { request, provider: provider() })));
}

/** A trial result without its timing, the part that must be identical. */
export function withoutTiming(result: TrialResult): Omit<TrialResult, "duration_ms"> {
  const { duration_ms: _, ...rest } = result;
  return rest;
}

/** Sample provider, as `DataSources` gives it for `data_source: "sample"`. */
export const sampleProvider = (): MarketDataProvider => createSampleProvider();

/**
 * CSV text of `symbol`'s sample bars from 2015 to 2021 with every 13th bar left out (missing
 * trading days) and one row written twice (a duplicate, a critical issue kept in `warn` mode).
 */
export function uploadCsv(symbol: string): string {
  const s = generateSampleSeries(symbol, "day", Date.UTC(2015, 0, 1), Date.UTC(2021, 0, 1));
  const rows = ["timestamp,open,high,low,close,volume"];
  for (let i = 0; i < s.timestamps.length; i++) {
    if (i % 13 === 5) continue;
    const row = [new Date(s.timestamps[i]).toISOString(), s.open[i], s.high[i], s.low[i], s.close[i], s.volume[i]].join(",");
    rows.push(row);
    if (i === 100) rows.push(row);
  }
  return rows.join("\n");
}

/** `DataSources` over a memory dataset store holding uploads of `symbols`: the `dataset` source. */
export async function uploadedSources(symbols: string[]): Promise<DataSources> {
  const store = createInMemoryDatasetStore();
  for (const symbol of symbols) {
    const { series, info } = parseDatasetUpload(symbol, "day", uploadCsv(symbol), "2024-01-01T00:00:00.000Z");
    await store.putDataset(series, info);
  }
  return new DataSources(store, null);
}
