/** `buildResult`: turns a simulation's output into the API result (engine spec §5). */
import type { SimulationOutput } from "../simulation-types.ts";
import type { BacktestRequest, LoadedSeries } from "../types.ts";
import { fingerprintSteps } from "../data/fingerprint.ts";
import type { CreateHasher } from "../util/hasher.ts";
import { createSha256Hasher } from "../util/hasher.ts";
import { CanonicalJsonHasher } from "./canonical-hash.ts";
import { benchmarkBarValues, benchmarkValues, buildBenchmarkCurve, buildEquityCurve, equityValues } from "./curves.ts";
import { buildManifest } from "./manifest.ts";
import { buildMetricsSummary } from "./metrics-summary.ts";
import {
  constraintHitRecord, diagnosticsRecord, exposureRecord, finalPositionRecords, logRecord,
  optionEventRecord, optionTradeRecord, orderEventRecord, tradeRecord,
} from "./records.ts";
import type { BacktestResult } from "./result-types.ts";
import { buildTearsheet } from "./tearsheet.ts";

/** Inputs of {@link buildResult}. */
export interface BuildResultArgs {
  /** Caller-chosen id; echoed, but not part of `content_hash`. */
  runId: string;
  /** The normalised request (becomes `manifest.replay_request`). */
  request: BacktestRequest;
  output: SimulationOutput;
  /** The benchmark series and its summary, or null without `benchmark_symbol`. */
  benchmark?: LoadedSeries | null;
  /** Provider source name (`sample`, `csv`, `dataset`). */
  source: string;
  /** SHA-256 for the fingerprint and `content_hash` (default: the engine's own; same hex either way). */
  createHasher?: CreateHasher;
}

/** Items mapped (or hashed) between two steps of {@link buildResultSteps}. */
const STEP_ITEMS = 4096;

/**
 * Builds the complete result. Deterministic: equal inputs give byte-identical JSON. The
 * `content_hash` is SHA-256 hex of {@link canonicalJson} of the result without `run_id` and
 * `content_hash`, so a replay under another run id has the same hash.
 */
export function buildResult(args: BuildResultArgs): BacktestResult {
  const steps = buildResultSteps(args);
  let step = steps.next();
  while (!step.done) step = steps.next();
  return step.value;
}

/**
 * {@link buildResult} in small synchronous steps (a few milliseconds each on a large run): it
 * yields between sections and every few thousand rows, so a cooperative caller can hand the
 * host its event loop back between steps (see `drainCooperatively`).
 */
export function* buildResultSteps(args: BuildResultArgs): Generator<void, BacktestResult> {
  const { request, output } = args;
  const createHasher = args.createHasher ?? createSha256Hasher;
  const capital = request.initial_capital;
  const timestamps = new Float64Array(output.equity.length);
  for (let i = 0; i < timestamps.length; i++) timestamps[i] = output.equity[i].timestamp;
  const values = equityValues(output.equity);
  // The curve shows the benchmark forward-filled; its metrics use only its own bars (spec §6).
  const bench = args.benchmark ? benchmarkValues(args.benchmark.series, timestamps, capital) : null;
  const benchAtBars = args.benchmark ? benchmarkBarValues(bench, args.benchmark.series, timestamps) : null;
  const quality = args.benchmark ? [...output.quality, args.benchmark.quality] : output.quality;
  const metrics = buildMetricsSummary({
    output, initialCapital: capital, riskFreeRate: request.risk_free_rate, timestamps, values,
    benchmark: benchAtBars, quality, portfolio: request.portfolio_construction !== null,
  });
  yield;
  const equityCurve = buildEquityCurve(output.equity, capital);
  const benchmarkCurve = buildBenchmarkCurve(bench, timestamps, capital);
  const lastBench = benchmarkCurve[benchmarkCurve.length - 1];
  yield;
  const trades = yield* mapSteps(output.fills, tradeRecord);
  const exposures = yield* mapSteps(output.exposures, exposureRecord);
  const orderEvents = yield* mapSteps(output.order_events, orderEventRecord);
  const optionTrades = yield* mapSteps(output.option_trades, optionTradeRecord);
  const optionEvents = yield* mapSteps(output.option_events, optionEventRecord);
  const diagnostics = yield* mapSteps(output.portfolio_diagnostics, diagnosticsRecord);
  const constraintHits = yield* mapSteps(output.constraint_hits, constraintHitRecord);
  const tearsheet = buildTearsheet({ request, output, metrics, timestamps, values, benchmarkReturnPct: lastBench?.returns ?? null });
  const logs = yield* mapSteps(output.logs, logRecord);
  const series = args.benchmark ? [...output.series, args.benchmark.series] : output.series;
  const fingerprint = yield* fingerprintSteps(series, createHasher);
  const body: Omit<BacktestResult, "run_id" | "content_hash"> = {
    currency: request.currency,
    metrics_summary: metrics,
    equity_curve: equityCurve,
    benchmark_symbol: request.benchmark_symbol,
    benchmark_curve: benchmarkCurve,
    trades,
    exposures,
    order_events: orderEvents,
    option_trades: optionTrades,
    option_events: optionEvents,
    portfolio_construction: request.portfolio_construction ? structuredPortfolio(request) : null,
    portfolio_diagnostics: diagnostics,
    constraint_hits: constraintHits,
    tearsheet,
    logs,
    final_cash: output.final_cash,
    final_positions: finalPositionRecords(output.final_positions),
    manifest: buildManifest({ request, output, source: args.source, metrics, series, quality, fingerprint }),
  };
  yield;
  const hash = yield* contentHashSteps(body, createHasher);
  return { run_id: args.runId, ...body, content_hash: hash };
}

/**
 * SHA-256 hex of the canonical JSON of a result body (everything but `run_id`/`content_hash`);
 * `createHasher` picks the SHA-256 implementation (default: the engine's own).
 */
export function contentHash(body: Omit<BacktestResult, "run_id" | "content_hash">, createHasher: CreateHasher = createSha256Hasher): string {
  const steps = contentHashSteps(body, createHasher);
  let step = steps.next();
  while (!step.done) step = steps.next();
  return step.value;
}

/** {@link contentHash} in steps; the canonical JSON is streamed into the hash, never built. */
function* contentHashSteps(body: Omit<BacktestResult, "run_id" | "content_hash">, createHasher: CreateHasher): Generator<void, string> {
  const hasher = new CanonicalJsonHasher(createHasher);
  yield* hasher.objectSteps(body as unknown as Record<string, unknown>, STEP_ITEMS);
  return hasher.digestHex();
}

function* mapSteps<T, R>(items: readonly T[], fn: (item: T) => R): Generator<void, R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i++) {
    out.push(fn(items[i]));
    if ((i + 1) % STEP_ITEMS === 0) yield;
  }
  return out;
}

function structuredPortfolio(request: BacktestRequest): BacktestResult["portfolio_construction"] {
  const spec = request.portfolio_construction!;
  return { ...spec, target_weights: { ...spec.target_weights } };
}
