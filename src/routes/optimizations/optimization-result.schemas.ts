/** Schema of `OptimizationResult`, the body of `GET /v1/optimizations/{optimization_id}/results`. */
import { z } from "@hono/zod-openapi";
import { EffectiveBacktestRequestSchema } from "../backtests/backtests.schemas.ts";
import { EffectiveOptimizationRequestSchema } from "./optimization-request.schemas.ts";
import { ParamValueSchema, TrialProposalSchema, TrialResultSchema } from "./optimizations.schemas.ts";

const DateRangeSchema = z.object({
  start_date: z.string().openapi({ description: "ISO-8601 UTC, inclusive." }),
  end_date: z.string().openapi({ description: "ISO-8601 UTC, exclusive." }),
});

/** One validation window and the training range before it. */
export const ValidationWindowSchema = z.object({ train: DateRangeSchema, validation: DateRangeSchema }).openapi("ValidationWindow");

/** How settled one parameter is over the top trials. */
export const ParameterStabilitySchema = z.object({
  name: z.string(),
  mean: z.number().optional().openapi({ description: "Numeric parameters: mean of the top trials' values." }),
  stddev: z.number().optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  relative_stddev: z.number().optional().openapi({ description: "stddev / (high − low)." }),
  mode: ParamValueSchema.optional().openapi({ description: "Choice parameters: most frequent value among the top trials." }),
  mode_share: z.number().optional().openapi({ description: "Share of the top trials with `mode`, 0..1." }),
}).openapi("ParameterStability");

/** Spread statistics of the finished trials' objectives. */
export const SpreadStatsSchema = z.object({
  count: z.number().int(),
  min: z.number().nullable(),
  max: z.number().nullable(),
  mean: z.number().nullable(),
  median: z.number().nullable(),
  stddev: z.number().nullable(),
}).openapi("SpreadStats");

/** Provenance of a result. */
export const OptimizationManifestSchema = z.object({
  engine: z.string(),
  engine_version: z.string(),
  search_method: z.enum(["grid", "random", "bayesian"]),
  random_seed: z.number().int(),
  exploration_weight: z.number(),
  max_trials: z.number().int(),
  validation_mode: z.enum(["holdout", "walk_forward"]),
  windows: z.array(ValidationWindowSchema),
  trial_count: z.number().int(),
  lineage: z.array(z.object({ number: z.number().int(), method: TrialProposalSchema.shape.method, history_size: z.number().int() }))
    .openapi({ description: "Per trial, in number order: how its parameters were chosen." }),
  request: EffectiveOptimizationRequestSchema,
}).openapi("OptimizationManifest");

/** The final result of a completed optimisation. */
export const OptimizationResultSchema = z.object({
  name: z.string(),
  description: z.string().nullable(),
  objective_metric: z.string(),
  direction: z.enum(["maximize", "minimize"]),
  trials: z.array(TrialResultSchema).openapi({ description: "Every trial, in number order." }),
  best_trial: TrialResultSchema.nullable(),
  diagnostics: z.object({
    top_trials: z.array(z.number().int()).openapi({ description: "Numbers of the best trials." }),
    parameter_stability: z.array(ParameterStabilitySchema),
    objective_spread: SpreadStatsSchema,
  }),
  replay_backtest: EffectiveBacktestRequestSchema.nullable().openapi({ description: "A backtest over the full range with the best parameters (POST it to /v1/backtests), or null without a best trial." }),
  manifest: OptimizationManifestSchema,
}).openapi("OptimizationResult");
