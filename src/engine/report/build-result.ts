/** `buildResult`: turns a simulation's output into the API result (engine spec §5). */
import type { SimulationOutput } from "../simulation-types.ts";
import type { BacktestRequest, LoadedSeries } from "../types.ts";
import { sha256Hex, utf8Encode } from "../util/sha256.ts";
import { canonicalJson } from "./canonical-json.ts";
import { benchmarkValues, buildBenchmarkCurve, buildEquityCurve, equityValues } from "./curves.ts";
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
}

/**
 * Builds the complete result. Deterministic: equal inputs give byte-identical JSON. The
 * `content_hash` is SHA-256 hex of {@link canonicalJson} of the result without `run_id` and
 * `content_hash`, so a replay under another run id has the same hash.
 */
export function buildResult(args: BuildResultArgs): BacktestResult {
  const { request, output } = args;
  const capital = request.initial_capital;
  const timestamps = new Float64Array(output.equity.map((s) => s.timestamp));
  const values = equityValues(output.equity);
  const bench = args.benchmark ? benchmarkValues(args.benchmark.series, timestamps, capital) : null;
  const quality = args.benchmark ? [...output.quality, args.benchmark.quality] : output.quality;
  const metrics = buildMetricsSummary({
    output, initialCapital: capital, riskFreeRate: request.risk_free_rate, timestamps, values,
    benchmark: bench, quality, portfolio: request.portfolio_construction !== null,
  });
  const benchmarkCurve = buildBenchmarkCurve(bench, timestamps, capital);
  const lastBench = benchmarkCurve[benchmarkCurve.length - 1];
  const body: Omit<BacktestResult, "run_id" | "content_hash"> = {
    currency: request.currency,
    metrics_summary: metrics,
    equity_curve: buildEquityCurve(output.equity, capital),
    benchmark_symbol: request.benchmark_symbol,
    benchmark_curve: benchmarkCurve,
    trades: output.fills.map(tradeRecord),
    exposures: output.exposures.map(exposureRecord),
    order_events: output.order_events.map(orderEventRecord),
    option_trades: output.option_trades.map(optionTradeRecord),
    option_events: output.option_events.map(optionEventRecord),
    portfolio_construction: request.portfolio_construction ? structuredPortfolio(request) : null,
    portfolio_diagnostics: output.portfolio_diagnostics.map(diagnosticsRecord),
    constraint_hits: output.constraint_hits.map(constraintHitRecord),
    tearsheet: buildTearsheet({ request, output, metrics, timestamps, values, benchmarkReturnPct: lastBench?.returns ?? null }),
    logs: output.logs.map(logRecord),
    final_cash: output.final_cash,
    final_positions: finalPositionRecords(output.final_positions),
    manifest: buildManifest({
      request, output, source: args.source, metrics,
      series: args.benchmark ? [...output.series, args.benchmark.series] : output.series, quality,
    }),
  };
  return { run_id: args.runId, ...body, content_hash: contentHash(body) };
}

/** SHA-256 hex of the canonical JSON of a result body (everything but `run_id`/`content_hash`). */
export function contentHash(body: Omit<BacktestResult, "run_id" | "content_hash">): string {
  return sha256Hex(utf8Encode(canonicalJson(body)));
}

function structuredPortfolio(request: BacktestRequest): BacktestResult["portfolio_construction"] {
  const spec = request.portfolio_construction!;
  return { ...spec, target_weights: { ...spec.target_weights } };
}
