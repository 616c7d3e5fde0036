/** Evaluating one trial: the base backtest with the trial's parameters over every window and the full range. */
import type { BacktestResult } from "../report/result-types.ts";
import { runBacktest } from "../run/stream-backtest.ts";
import { resolveStrategyParams } from "../strategies/param-specs.ts";
import type { BacktestRequest, MarketDataProvider } from "../types.ts";
import type { CreateHasher } from "../util/hasher.ts";
import { NUMERIC_METRIC_KEYS, WINDOW_METRIC_KEYS } from "./metric-keys.ts";
import type { DateRange, OptimizationRequest, ParamSet, TrialResult, TrialSpec } from "./types.ts";
import { splitWindows } from "./windows.ts";

/** What `runTrial` needs from its host. */
export interface TrialDeps {
  request: OptimizationRequest;
  provider: MarketDataProvider;
  /** Injected clock (UTC epoch ms) for `duration_ms`; without it durations are 0. */
  now?: () => number;
  signal?: AbortSignal;
  yieldControl?: () => Promise<void>;
  /** Longest stretch of each of the trial's backtests between two `yieldControl` calls, ms; default: the engine's. */
  sliceMs?: number;
  createHasher?: CreateHasher;
  /** Prefix of the run ids of the trial's backtests; default `trial`. */
  runIdPrefix?: string;
}

/**
 * The backtest request of `parameters` over the base backtest's full range (or `range`): the base
 * request with the parameters merged into its strategy params and resolved. Throws
 * `EngineValidationError` when the merged params break a strategy rule (e.g. short ≥ long period).
 */
export function trialBacktestRequest(base: BacktestRequest, parameters: ParamSet, range?: DateRange): BacktestRequest {
  const params = resolveStrategyParams(base.strategy.name, { ...base.strategy.params, ...parameters });
  return { ...base, ...range, strategy: { name: base.strategy.name, params } };
}

/**
 * Runs trial `spec`: for each validation window a training and a validation backtest, then one over
 * the full range. Objective = mean over windows of the validation `objective_metric` (windows where
 * it is null are skipped; null when it is null in all). Metrics: `train_<m>`, `validation_<m>`
 * (window means) and `gap_<m>` (train − validation) for the objective metric and the common
 * metrics; `full_<m>` for every numeric metric of the full run; `validation_stddev` (population
 * stddev of the per-window objective values). Never throws for a bad trial: the error is recorded
 * and the trial marked failed. An abort through `signal` does throw.
 */
export async function runTrial(spec: TrialSpec, deps: TrialDeps): Promise<TrialResult> {
  const started = deps.now?.() ?? 0;
  const base = { number: spec.number, parameters: spec.parameters, proposal: spec.proposal };
  try {
    const { request } = deps;
    const keys = [...new Set([request.objective_metric, ...WINDOW_METRIC_KEYS])];
    const train: BacktestResult[] = [];
    const validation: BacktestResult[] = [];
    for (const [i, w] of splitWindows(request).entries()) {
      train.push(await run(deps, spec, `train-${i + 1}`, w.train));
      validation.push(await run(deps, spec, `validation-${i + 1}`, w.validation));
    }
    const full = await run(deps, spec, "full");
    const metrics: Record<string, number | null> = {};
    for (const m of keys) {
      const t = mean(train.map((r) => metricOf(r, m)));
      const v = mean(validation.map((r) => metricOf(r, m)));
      metrics[`train_${m}`] = t;
      metrics[`validation_${m}`] = v;
      metrics[`gap_${m}`] = t === null || v === null ? null : t - v;
    }
    for (const m of NUMERIC_METRIC_KEYS) metrics[`full_${m}`] = metricOf(full, m);
    const scores = validation.map((r) => metricOf(r, request.objective_metric)).filter((x): x is number => x !== null);
    const objective = mean(scores);
    metrics.validation_stddev = objective === null ? null : Math.sqrt(scores.reduce((a, s) => a + (s - objective) ** 2, 0) / scores.length);
    return { ...base, status: "completed", objective, metrics, duration_ms: (deps.now?.() ?? 0) - started, error: null };
  } catch (err) {
    if (deps.signal?.aborted) throw err;
    const error = err instanceof Error ? err.message : String(err);
    return { ...base, status: "failed", objective: null, metrics: {}, duration_ms: (deps.now?.() ?? 0) - started, error };
  }
}

function run(deps: TrialDeps, spec: TrialSpec, label: string, range?: DateRange): Promise<BacktestResult> {
  return runBacktest({
    runId: `${deps.runIdPrefix ?? "trial"}-${spec.number}-${label}`,
    request: trialBacktestRequest(deps.request.base_backtest, spec.parameters, range),
    provider: deps.provider, signal: deps.signal, now: deps.now, yieldControl: deps.yieldControl, sliceMs: deps.sliceMs,
    createHasher: deps.createHasher,
  });
}

function metricOf(result: BacktestResult, key: string): number | null {
  const v = (result.metrics_summary as unknown as Record<string, unknown>)[key];
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

function mean(values: readonly (number | null)[]): number | null {
  const xs = values.filter((x): x is number => x !== null);
  return xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length;
}
