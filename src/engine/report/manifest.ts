/** The result's `manifest`: what ran, on which data, and how to replay it. */
import { fingerprintSeries } from "../data/fingerprint.ts";
import type { SimulationOutput } from "../simulation-types.ts";
import type { BacktestRequest, BarSeries, DataQualitySummary } from "../types.ts";
import type { CreateHasher } from "../util/hasher.ts";
import { ENGINE_NAME, ENGINE_VERSION } from "../version.ts";
import type { BacktestManifest, BacktestMetrics } from "./result-types.ts";

/** Inputs of {@link buildManifest}. */
export interface ManifestArgs {
  request: BacktestRequest;
  output: SimulationOutput;
  /** Provider source name (`sample`, `csv`, `dataset`). */
  source: string;
  /** Every loaded series (symbols, then the benchmark) and their summaries. */
  series: readonly BarSeries[];
  quality: readonly DataQualitySummary[];
  metrics: BacktestMetrics;
  /** `fingerprintSeries(series)` when the caller computed it already (in steps). */
  fingerprint?: string;
  /** SHA-256 for the fingerprint when it is computed here (default: the engine's own). */
  createHasher?: CreateHasher;
}

/** Builds the manifest; `replay_request` is the normalised request itself. */
export function buildManifest(args: ManifestArgs): BacktestManifest {
  const { request, output } = args;
  const barCounts: Record<string, number> = {};
  for (const s of args.series) barCounts[s.symbol] = s.timestamps.length;
  return {
    manifest_version: "1.0",
    engine: { name: ENGINE_NAME, version: ENGINE_VERSION },
    strategy: { id: output.strategy_id, name: request.strategy.name, parameters: { ...output.effective_params } },
    dataset: {
      source: args.source, resolution: request.resolution, start: request.start_date, end: request.end_date,
      symbols: [...request.symbols], bar_counts: barCounts, fingerprint: args.fingerprint ?? fingerprintSeries(args.series, args.createHasher),
      validation: args.quality.map((q) => ({ ...q, issues: [...q.issues] })),
    },
    execution: { ...output.execution },
    replay_request: structuredCloneJson(request),
    metric_snapshot: { ...args.metrics },
  };
}

/** Deep copy of a JSON-shaped value (the request holds only JSON data). */
function structuredCloneJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
