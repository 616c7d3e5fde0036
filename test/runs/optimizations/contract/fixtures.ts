/** Builders of optimisation records, events and trials for the optimisation store contract. */
import { normalizeOptimizationRequest } from "../../../../src/engine/optimize/normalize-optimization.ts";
import type { OptimizationRequest, TrialResult } from "../../../../src/engine/optimize/types.ts";
import type {
  OptimizationEventDraft, OptimizationRecord, OptimizationState,
} from "../../../../src/runs/optimizations/optimization-types.ts";

export { at } from "../../contract/fixtures.ts";

/** A normalised grid request over `short_period` on sample data. */
export const REQUEST: OptimizationRequest = normalizeOptimizationRequest({
  name: "tune", strategy: "grid", max_trials: 20, grid_steps: 5,
  search_space: { parameters: [{ name: "short_period", kind: "int_range", low: 2, high: 10 }] },
  base_backtest: {
    symbols: ["AAA", "BBB"], start_date: "2020-01-01", end_date: "2022-01-01",
    strategy: { name: "ma_crossover", params: { short_period: 5, long_period: 30 } },
  },
}, { runtime: "node", csvAllowed: false });

/** An optimisation record in `state`, created at `createdAt`. */
export function optimizationRecord(id: string, createdAt: string, state: OptimizationState = "queued", keyId: string | null = "a1b2c3d4e5f6"): OptimizationRecord {
  return {
    status: {
      optimization_id: id, name: "tune", state, progress: 0, created_at: createdAt, started_at: null, finished_at: null, error: null,
      search_method: "grid", objective_metric: "sharpe_ratio", direction: "maximize", total_trials: 5, completed_trials: 0,
      failed_trials: 0, running_trials: 0, best_trial: null,
    },
    request: structuredClone(REQUEST),
    key_id: keyId,
  };
}

/** A `state` event draft. */
export function stateDraft(state: OptimizationState, timestamp: string): OptimizationEventDraft {
  return { type: "state", timestamp, payload: { state } };
}

/** A `log` event draft. */
export function logDraft(n: number, timestamp: string): OptimizationEventDraft {
  return { type: "log", timestamp, payload: { level: "info", message: `line ${n}` } };
}

/** A finished trial `number` with `objective` (null ⇒ failed). */
export function trial(number: number, objective: number | null = number / 10): TrialResult {
  return {
    number, parameters: { short_period: 2 + (number % 9) }, status: objective === null ? "failed" : "completed", objective,
    metrics: objective === null ? {} : { validation_sharpe_ratio: objective, train_sharpe_ratio: objective * 2, full_max_drawdown: -0.125 },
    duration_ms: 10 + number, error: objective === null ? "short_period must be below long_period" : null,
    proposal: { method: "grid", history_size: number - 1 },
  };
}
