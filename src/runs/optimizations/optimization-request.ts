/**
 * Request-time validation of `POST /v1/optimizations` for the routes. The base backtest's data
 * check (unknown symbols, missing CSV files) is the routes' job, through `RequestDataCheck`.
 */
import { createOptimizer, normalizeOptimizationRequest } from "../../engine/index.ts";
import type { OptimizationRequest, RequestContext } from "../../engine/index.ts";

/**
 * Normalises and checks a raw request body: every default applied, or an `EngineValidationError`
 * listing every issue with its field path (`["base_backtest", "symbols", 0]`, `["max_trials"]`, …).
 */
export function parseOptimizationRequest(body: unknown, ctx: RequestContext): OptimizationRequest {
  return normalizeOptimizationRequest(body, ctx);
}

/** Trials `request` will run: `max_trials`, or fewer when its search space is smaller. */
export function trialBudget(request: OptimizationRequest): number {
  return createOptimizer(request).state().total_trials;
}
