/** The API shapes the dashboard reads (a subset of the OpenAPI document's). */

// Type-only imports: erased by the bundler, so the page shares the server's definitions.
import type { EquityPoint } from "../engine/report/record-types.ts";
import type { SectionInfo } from "../runs/result-parts.ts";
import type { OptimizationResult, ParameterStability, TrialResult } from "../engine/optimize/types.ts";

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
export type { ParameterStability, TrialResult };

/** The parts of `OptimizationResult` the dashboard shows (it posts `replay_backtest` back as it came). */
export type OptimizationResultView = Pick<OptimizationResult, "objective_metric" | "direction" | "trials" | "best_trial" | "diagnostics"> & {
  replay_backtest: Record<string, unknown> | null;
};
