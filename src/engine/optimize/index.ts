/** Public API of the parameter-search library (issue 6, engine side). */
export type * from "./types.ts";
export { normalizeOptimizationRequest, OPTIMIZATION_FIELDS, MAX_TRIALS, MAX_CONCURRENCY, MAX_EXPLORATION_WEIGHT } from "./normalize-optimization.ts";
export { MAX_SEARCH_PARAMETERS } from "./search-space-rules.ts";
export { NUMERIC_METRIC_KEYS, WINDOW_METRIC_KEYS } from "./metric-keys.ts";
export { createSearchMethod } from "./search-method.ts";
export type { Proposal, SearchContext, SearchMethod } from "./search-method.ts";
export { TPE_CANDIDATES, TPE_GAMMA, tpeStartupTrials } from "./tpe-search.ts";
export { splitWindows } from "./windows.ts";
export { runTrial, trialBacktestRequest } from "./run-trial.ts";
export type { TrialDeps } from "./run-trial.ts";
export { bestTrial, createOptimizer } from "./optimizer.ts";
export type { Optimizer } from "./optimizer.ts";
export { buildOptimizationResult } from "./build-result.ts";
export { streamOptimization } from "./stream-optimization.ts";
export type { OptimizationDeps, TrialOptimizationEvent } from "./stream-optimization.ts";
