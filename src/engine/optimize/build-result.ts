/** `buildOptimizationResult`: trials, best trial, diagnostics, replay request and manifest. */
import { ENGINE_NAME, ENGINE_VERSION } from "../version.ts";
import { bestTrial } from "./optimizer.ts";
import { trialBacktestRequest } from "./run-trial.ts";
import type { OptimizationRequest, OptimizationResult, ParameterStability, ParamValue, SpreadStats, TrialResult } from "./types.ts";
import { splitWindows } from "./windows.ts";

/** Share of the trials with an objective counted as "top" for parameter stability (at least 1, at most all). */
export const TOP_TRIAL_FRACTION = 0.2;

/**
 * Builds the result of `request` from its finished `trials` (any order). Top trials: the best
 * `max(1, ceil(20 %))` of the trials with an objective, used for parameter stability.
 */
export function buildOptimizationResult(request: OptimizationRequest, trials: readonly TrialResult[]): OptimizationResult {
  const sorted = [...trials].sort((a, b) => a.number - b.number);
  const best = bestTrial(sorted, request.direction);
  const sign = request.direction === "maximize" ? -1 : 1;
  const scored = sorted.filter((t) => t.objective !== null).sort((a, b) => sign * (a.objective! - b.objective!) || a.number - b.number);
  const top = scored.slice(0, Math.max(1, Math.ceil(TOP_TRIAL_FRACTION * scored.length)));
  return {
    name: request.name,
    description: request.description,
    objective_metric: request.objective_metric,
    direction: request.direction,
    trials: sorted,
    best_trial: best,
    diagnostics: {
      top_trials: top.map((t) => t.number),
      parameter_stability: request.search_space.parameters.map((p) => stability(p.name, p.low, p.high, top.map((t) => t.parameters[p.name]!))),
      objective_spread: spread(scored.map((t) => t.objective!)),
    },
    replay_backtest: best ? trialBacktestRequest(request.base_backtest, best.parameters) : null,
    manifest: {
      engine: ENGINE_NAME, engine_version: ENGINE_VERSION, search_method: request.strategy, random_seed: request.random_seed,
      exploration_weight: request.exploration_weight, max_trials: request.max_trials, validation_mode: request.validation_mode,
      windows: splitWindows(request), trial_count: sorted.length,
      lineage: sorted.map((t) => ({ number: t.number, method: t.proposal.method, history_size: t.proposal.history_size })),
      request,
    },
  };
}

function stability(name: string, low: number | undefined, high: number | undefined, values: ParamValue[]): ParameterStability {
  if (values.length === 0) return { name };
  if (values.every((v) => typeof v === "number") && low !== undefined && high !== undefined) {
    const s = spread(values as number[]);
    return { name, mean: s.mean!, stddev: s.stddev!, min: s.min!, max: s.max!, relative_stddev: s.stddev! / (high - low) };
  }
  const counts = new Map<string, { value: ParamValue; n: number }>();
  for (const v of values) {
    const key = JSON.stringify(v);
    counts.set(key, { value: v, n: (counts.get(key)?.n ?? 0) + 1 });
  }
  let mode = { value: values[0]!, n: 0 };
  for (const c of counts.values()) if (c.n > mode.n) mode = c;
  return { name, mode: mode.value, mode_share: mode.n / values.length };
}

/** Count, min, max, mean, median and population stddev of `xs` (nulls when empty). */
export function spread(xs: readonly number[]): SpreadStats {
  if (xs.length === 0) return { count: 0, min: null, max: null, mean: null, median: null, stddev: null };
  const s = [...xs].sort((a, b) => a - b);
  const mean = s.reduce((a, b) => a + b, 0) / s.length;
  const mid = s.length >> 1;
  return {
    count: s.length, min: s[0]!, max: s[s.length - 1]!, mean,
    median: s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2,
    stddev: Math.sqrt(s.reduce((a, b) => a + (b - mean) ** 2, 0) / s.length),
  };
}
