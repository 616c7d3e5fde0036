/** Contracts of the parameter-search library (issue 6): request, trials, optimiser state, result. */
import type { BacktestRequest } from "../types.ts";

/** How one searched parameter is sampled. */
export type ParameterKind = "float_range" | "int_range" | "log_uniform" | "choice";

/** Search method of an optimisation. */
export type SearchMethodName = "grid" | "random" | "bayesian";

/** A value a searched parameter can take. */
export type ParamValue = number | string | boolean;

/** A parameter set: searched parameter name → value. */
export type ParamSet = Record<string, ParamValue>;

/** One axis of the search space, validated. `integer` is true when the strategy parameter is an integer. */
export interface SearchParameter {
  name: string;
  kind: ParameterKind;
  /** Bounds of a range kind (inclusive); absent for `choice`. */
  low?: number;
  high?: number;
  /** Values of a `choice`, as given. */
  values?: ParamValue[];
  /** Whether sampled values are rounded to integers (an integer strategy parameter). */
  integer: boolean;
}

/** An optimisation request with every default applied. */
export interface OptimizationRequest {
  name: string;
  description: string | null;
  search_space: { parameters: SearchParameter[] };
  strategy: SearchMethodName;
  max_trials: number;
  concurrency: number;
  objective_metric: string;
  direction: "maximize" | "minimize";
  base_backtest: BacktestRequest;
  validation_mode: "holdout" | "walk_forward";
  validation_fraction: number;
  walk_forward_windows: number;
  random_seed: number;
  exploration_weight: number;
  grid_steps: number;
}

/** How a trial's parameters were chosen (its lineage entry). */
export interface TrialProposal {
  /** `grid`, `random`, `tpe_startup` (random start of the TPE) or `tpe`. */
  method: "grid" | "random" | "tpe_startup" | "tpe";
  /**
   * Number of earlier trials the proposal was computed from: for `tpe`/`tpe_startup` the finished
   * trials whose results it used; for `grid`/`random` every earlier trial (whose sets it avoids).
   */
  history_size: number;
}

/** A trial to run now: its number (1-based, never reused) and parameters. */
export interface TrialSpec {
  number: number;
  parameters: ParamSet;
  proposal: TrialProposal;
}

/** A finished trial. `objective` is null when failed or when the metric was undefined in every window. */
export interface TrialResult {
  number: number;
  parameters: ParamSet;
  status: "completed" | "failed";
  objective: number | null;
  /** `train_<m>`, `validation_<m>`, `gap_<m>`, `full_<m>`, `validation_stddev`. */
  metrics: Record<string, number | null>;
  duration_ms: number;
  error: string | null;
  proposal: TrialProposal;
}

/** Live counts and the best trial so far. */
export interface OptimizerState {
  total_trials: number;
  completed: number;
  failed: number;
  running: number;
  best_trial: TrialResult | null;
  done: boolean;
}

/** A date range `[start, end)` as ISO-8601 UTC strings. */
export interface DateRange {
  start_date: string;
  end_date: string;
}

/** One validation window: the training range before it and the validation range. */
export interface ValidationWindow {
  train: DateRange;
  validation: DateRange;
}

/** Spread statistics of a numeric sample. */
export interface SpreadStats {
  count: number;
  min: number | null;
  max: number | null;
  mean: number | null;
  median: number | null;
  stddev: number | null;
}

/** How settled one parameter is over the top trials. */
export interface ParameterStability {
  name: string;
  /** Numeric parameters: spread of the top trials' values; `relative_stddev` is stddev / (high − low). */
  mean?: number;
  stddev?: number;
  min?: number;
  max?: number;
  relative_stddev?: number;
  /** Choice parameters: most frequent value among the top trials and its share (0..1). */
  mode?: ParamValue;
  mode_share?: number;
}

/** The final result of an optimisation. */
export interface OptimizationResult {
  name: string;
  description: string | null;
  objective_metric: string;
  direction: "maximize" | "minimize";
  trials: TrialResult[];
  best_trial: TrialResult | null;
  diagnostics: {
    top_trials: number[];
    parameter_stability: ParameterStability[];
    objective_spread: SpreadStats;
  };
  /** A backtest request over the full range with the best parameters, or null without a best trial. */
  replay_backtest: BacktestRequest | null;
  manifest: OptimizationManifest;
}

/** Provenance of an optimisation result. */
export interface OptimizationManifest {
  engine: string;
  engine_version: string;
  search_method: SearchMethodName;
  random_seed: number;
  exploration_weight: number;
  max_trials: number;
  validation_mode: "holdout" | "walk_forward";
  windows: ValidationWindow[];
  trial_count: number;
  /** Per trial, in number order: how its parameters were chosen. */
  lineage: { number: number; method: TrialProposal["method"]; history_size: number }[];
  request: OptimizationRequest;
}
