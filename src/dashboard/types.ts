/** The API shapes the dashboard reads (a subset of the OpenAPI document's). */

// Type-only imports: erased by the bundler, so the page shares the server's definitions.
import type { EquityPoint } from "../engine/report/record-types.ts";
import type { SectionInfo } from "../runs/result-parts.ts";
import type { TrialResult } from "../engine/optimize/types.ts";

export type { RunEvent, RunStatus } from "../runs/run-types.ts";
export type { ParamSpec, StrategyInfo } from "../engine/strategies/param-specs.ts";
export type { EquityPoint, SectionInfo };

/** The parts of a bounded result the dashboard shows. */
export interface BoundedResult {
  run_id: string;
  currency: string;
  metrics_summary: Record<string, number | boolean | null>;
  equity_curve: EquityPoint[];
  benchmark_symbol: string | null;
  benchmark_curve: { timestamp: string; value: number; returns: number }[];
  trades: Record<string, unknown>[];
  tearsheet: { monthly_returns: { month: string; return_pct: number | null }[] };
  manifest: Record<string, unknown>;
  sections: Record<string, SectionInfo>;
}

/** A page of a result section. */
export interface SectionPage<T> {
  offset: number;
  limit: number;
  total: number;
  items: T[];
}

export type { OptimizationStatus } from "../runs/optimizations/optimization-types.ts";
export type { TrialResult };

/** Parameter stability over the top trials (numeric or choice fields). */
export interface ParameterStability {
  name: string;
  mean?: number;
  stddev?: number;
  min?: number;
  max?: number;
  relative_stddev?: number;
  mode?: number | string | boolean;
  mode_share?: number;
}

/** The parts of `OptimizationResult` the dashboard shows. */
export interface OptimizationResultView {
  objective_metric: string;
  direction: "maximize" | "minimize";
  trials: TrialResult[];
  best_trial: TrialResult | null;
  diagnostics: {
    top_trials: number[];
    parameter_stability: ParameterStability[];
    objective_spread: { count: number; min: number | null; max: number | null; mean: number | null; median: number | null; stddev: number | null };
  };
  replay_backtest: Record<string, unknown> | null;
}
