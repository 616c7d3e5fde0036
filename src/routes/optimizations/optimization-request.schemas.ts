/**
 * The `POST /v1/optimizations` body. Two schemas on purpose: {@link OptimizationRequestSchema}
 * documents every field (the OpenAPI document and the typed client's input type), while the route
 * validates with {@link createOptimizationBodySchema}, which hands the raw JSON to the engine's
 * `normalizeOptimizationRequest`. A shape check in zod first would reject a body with a mistyped
 * field before the engine saw it, hiding every other broken rule; this way one 422 lists them all.
 * `schema-drift.test.ts` keeps the documented shape and the engine's fields together.
 */
import { z } from "@hono/zod-openapi";
import { normalizeOptimizationRequest } from "../../engine/index.ts";
import type { OptimizationRequest, RequestContext } from "../../engine/index.ts";
import { EngineValidationError } from "../../engine/types.ts";
import { BacktestRequestSchema, EffectiveBacktestRequestSchema } from "../backtests/backtests.schemas.ts";
import { ParamValueSchema } from "./optimizations.schemas.ts";

const parameterFields = {
  name: z.string().openapi({ description: "A parameter of the base backtest's strategy (each searched at most once).", example: "short_period" }),
  kind: z.enum(["float_range", "int_range", "log_uniform", "choice"]).openapi({ description: "Ranges sample `[low, high]` (log_uniform needs low > 0); `choice` picks from `values`." }),
  low: z.number().optional().openapi({ description: "Lower bound (range kinds only), within the strategy parameter's own bounds." }),
  high: z.number().optional().openapi({ description: "Upper bound (range kinds only), ≥ low." }),
  values: z.array(ParamValueSchema).optional().openapi({ description: "1..1000 distinct values (`choice` only), each valid for the strategy parameter." }),
};

/** One searched parameter, as sent. */
export const SearchParameterInputSchema = z.object(parameterFields).strict().openapi("SearchParameterInput");

const methodField = z.enum(["grid", "random", "bayesian"]);
const directionField = z.enum(["maximize", "minimize"]);
const modeField = z.enum(["holdout", "walk_forward"]);

/** Shape of the request body, with every field documented (validation: the engine, see the module comment). */
export const OptimizationRequestSchema = z.object({
  name: z.string().openapi({ description: "1..256 characters.", minLength: 1, maxLength: 256, example: "tune ma_crossover" }),
  description: z.string().nullable().optional().openapi({ description: "Free text, at most 4096 characters.", maxLength: 4096 }),
  search_space: z.object({
    parameters: z.array(SearchParameterInputSchema).openapi({ description: "1..50 parameters of the base strategy to search.", minItems: 1, maxItems: 50 }),
  }).strict().openapi({ description: "What to search." }),
  strategy: methodField.optional().openapi({ description: "Search method: grid (every combination, `grid_steps` per range), random, or bayesian (TPE).", default: "random" }),
  max_trials: z.number().int().optional().openapi({ description: "Most trials to run, 1..10000 (a smaller grid runs fewer).", minimum: 1, maximum: 10_000, default: 50 }),
  concurrency: z.number().int().optional().openapi({ description: "Trials run at once, 1..128.", minimum: 1, maximum: 128, default: 1 }),
  objective_metric: z.string().optional().openapi({ description: "A numeric `metrics_summary` key to optimise on the validation windows.", default: "sharpe_ratio", example: "total_return" }),
  direction: directionField.optional().openapi({ default: "maximize" }),
  base_backtest: BacktestRequestSchema.openapi({ description: "A full backtest request; each trial runs it with the trial's parameters over its windows. Validated like `POST /v1/backtests`, including its data." }),
  validation_mode: modeField.optional().openapi({ description: "holdout: train on the first part, validate on the last `validation_fraction`; walk_forward: `walk_forward_windows` successive windows.", default: "holdout" }),
  validation_fraction: z.number().optional().openapi({ description: "Share of the range held out for validation, 0.05..0.9.", minimum: 0.05, maximum: 0.9, default: 0.3 }),
  walk_forward_windows: z.number().int().optional().openapi({ description: "Windows of walk_forward validation, 1..10.", minimum: 1, maximum: 10, default: 3 }),
  random_seed: z.number().int().optional().openapi({ description: "Seed of the random and bayesian searches (0..2147483647).", minimum: 0, maximum: 2_147_483_647, default: 0 }),
  exploration_weight: z.number().optional().openapi({ description: "Bayesian search: weight of exploration, 0..100.", minimum: 0, maximum: 100, default: 1 }),
  grid_steps: z.number().int().optional().openapi({ description: "Grid search: points per range parameter, 2..100.", minimum: 2, maximum: 100, default: 5 }),
}).strict().openapi("OptimizationRequest", {
  example: {
    name: "tune ma_crossover",
    search_space: { parameters: [{ name: "short_period", kind: "int_range", low: 3, high: 15 }, { name: "long_period", kind: "choice", values: [30, 50, 100] }] },
    strategy: "bayesian", max_trials: 40, concurrency: 4, objective_metric: "sharpe_ratio", direction: "maximize",
    base_backtest: { symbols: ["AAPL"], start_date: "2020-01-01", end_date: "2024-01-01", data_source: "sample", strategy: { name: "ma_crossover" } },
  },
});

/** The effective request (every default applied), as stored in the result's manifest. */
export const EffectiveOptimizationRequestSchema = z.object({
  name: z.string(),
  description: z.string().nullable(),
  search_space: z.object({
    parameters: z.array(z.object({ ...parameterFields, integer: z.boolean().openapi({ description: "Sampled values are rounded (an integer strategy parameter)." }) }).strict()),
  }).strict(),
  strategy: methodField,
  max_trials: z.number().int(),
  concurrency: z.number().int(),
  objective_metric: z.string(),
  direction: directionField,
  base_backtest: EffectiveBacktestRequestSchema,
  validation_mode: modeField,
  validation_fraction: z.number(),
  walk_forward_windows: z.number().int(),
  random_seed: z.number().int(),
  exploration_weight: z.number(),
  grid_steps: z.number().int(),
}).strict().openapi("EffectiveOptimizationRequest");

/**
 * The schema the route validates with: any JSON value, normalised by the engine. Engine issues
 * become zod `custom` issues at the same path, with the engine's issue type in `params.type`.
 */
export function createOptimizationBodySchema(ctx: RequestContext) {
  return z.unknown().transform((body, zctx): OptimizationRequest => {
    try {
      return normalizeOptimizationRequest(body, ctx);
    } catch (error) {
      if (!(error instanceof EngineValidationError)) throw error;
      for (const issue of error.issues) zctx.addIssue({ code: "custom", path: issue.loc, message: issue.msg, params: { type: issue.type } });
      return z.NEVER;
    }
  });
}
