/** Shared request bodies and a synthetic evaluator for the optimisation tests. */
import type { EngineIssue } from "../../../src/engine/types.ts";
import { EngineValidationError } from "../../../src/engine/types.ts";
import { normalizeOptimizationRequest } from "../../../src/engine/optimize/normalize-optimization.ts";
import type { OptimizationRequest, TrialResult, TrialSpec } from "../../../src/engine/optimize/types.ts";

export const NODE = { runtime: "node", csvAllowed: true } as const;

/** A valid ma_crossover base backtest on sample data. */
export const BASE_BACKTEST = {
  symbols: ["AAA", "BBB"], start_date: "2020-01-01", end_date: "2022-01-01",
  strategy: { name: "ma_crossover", params: { short_period: 5, long_period: 30 } },
};

/** A valid optimisation body. */
export const BODY = {
  name: "tune",
  search_space: { parameters: [{ name: "short_period", kind: "int_range", low: 2, high: 10 }] },
  base_backtest: BASE_BACKTEST,
};

/** Normalises `BODY` with `patch` applied. */
export function request(patch: Record<string, unknown> = {}): OptimizationRequest {
  return normalizeOptimizationRequest({ ...BODY, ...patch }, NODE);
}

/** The issues of a body that must be rejected. */
export function issuesOf(body: unknown): EngineIssue[] {
  try {
    normalizeOptimizationRequest(body, NODE);
  } catch (error) {
    if (!(error instanceof EngineValidationError)) throw error;
    return error.issues;
  }
  throw new Error("expected the request to be rejected");
}

/** A trial result with `objective = f(parameters)` and no metrics, as a fake evaluator returns. */
export function fakeEvaluator(f: (p: Record<string, unknown>) => number): (spec: TrialSpec) => Promise<TrialResult> {
  return async (spec) => ({
    number: spec.number, parameters: spec.parameters, status: "completed", objective: f(spec.parameters),
    metrics: {}, duration_ms: 0, error: null, proposal: spec.proposal,
  });
}
