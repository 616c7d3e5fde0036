/** Response schemas of the optimisations feature: trial results, statuses and the event log. */
import { z } from "@hono/zod-openapi";
import { RunStateSchema } from "../backtests/backtests.schemas.ts";

const isoTime = z.string().openapi({ description: "ISO-8601 UTC with Z.", example: "2026-01-02T03:04:05.678Z" });

/** A value a searched parameter takes. */
export const ParamValueSchema = z.union([z.number(), z.string(), z.boolean()]).openapi("ParamValue");

/** How a trial's parameters were chosen. */
export const TrialProposalSchema = z.object({
  method: z.enum(["grid", "random", "tpe_startup", "tpe"]).openapi({ description: "`tpe_startup` is the random start of the Bayesian (TPE) search." }),
  history_size: z.number().int().openapi({ description: "Earlier trials the proposal was computed from (TPE: finished trials it used; grid/random: every earlier trial)." }),
}).openapi("TrialProposal");

/** One finished trial. */
export const TrialResultSchema = z.object({
  number: z.number().int().min(1).openapi({ description: "1-based trial number, never reused." }),
  parameters: z.record(z.string(), ParamValueSchema).openapi({ description: "Searched parameter → value.", example: { short_period: 7 } }),
  status: z.enum(["completed", "failed"]),
  objective: z.number().nullable().openapi({ description: "The objective (mean validation value of `objective_metric`); null when failed or undefined in every window." }),
  metrics: z.record(z.string(), z.number().nullable()).openapi({ description: "`train_<m>`, `validation_<m>`, `gap_<m>`, `full_<m>` and `validation_stddev`." }),
  duration_ms: z.number().openapi({ description: "Wall time of the trial, ms." }),
  error: z.string().nullable().openapi({ description: "Null unless failed." }),
  proposal: TrialProposalSchema,
}).openapi("TrialResult");

/** `OptimizationStatus`. */
export const OptimizationStatusSchema = z.object({
  optimization_id: z.uuid().openapi({ description: "Optimization id (UUID)." }),
  name: z.string(),
  state: RunStateSchema,
  progress: z.number().min(0).max(1).openapi({ description: "Finished trials / `total_trials`, 0..1; exactly 1 when completed." }),
  created_at: isoTime,
  started_at: isoTime.nullable().openapi({ description: "When the current execution started; null until running (reset by a resume)." }),
  finished_at: isoTime.nullable().openapi({ description: "Null until terminal (reset by a resume)." }),
  error: z.string().nullable().openapi({ description: "Null unless failed." }),
  search_method: z.enum(["grid", "random", "bayesian"]),
  objective_metric: z.string().openapi({ example: "sharpe_ratio" }),
  direction: z.enum(["maximize", "minimize"]),
  total_trials: z.number().int().openapi({ description: "Trials this optimization will run: `max_trials`, or fewer when the space is smaller." }),
  completed_trials: z.number().int(),
  failed_trials: z.number().int(),
  running_trials: z.number().int().openapi({ description: "Trials executing right now (0 unless running)." }),
  best_trial: TrialResultSchema.nullable().openapi({ description: "The best finished trial so far, or null." }),
}).openapi("OptimizationStatus");

const envelope = <T extends string, P extends z.ZodTypeAny>(type: T, payload: P) =>
  z.object({
    event_id: z.number().int().min(1).openapi({ description: "1, 2, 3, … per optimization; no gaps, no reuse (also across resumes)." }),
    optimization_id: z.string(),
    type: z.literal(type),
    timestamp: isoTime,
    payload,
  });

/** One event of an optimisation's stream / event log. */
export const OptimizationEventSchema = z.discriminatedUnion("type", [
  envelope("state", z.object({ state: RunStateSchema, error: z.string().nullable().optional() }).openapi({ description: "Every transition, including `queued` after a resume." })),
  envelope("trial", z.object({ trial: TrialResultSchema }).openapi({ description: "A finished trial, in the order trials finished." })),
  envelope("best", z.object({ best_trial: TrialResultSchema }).openapi({ description: "The best trial changed." })),
  envelope("progress", z.object({
    progress: z.number().min(0).max(1), total_trials: z.number().int(), completed_trials: z.number().int(),
    failed_trials: z.number().int(), running_trials: z.number().int(),
  })),
  envelope("log", z.object({ level: z.enum(["info", "warn", "error"]), message: z.string() })),
]).openapi("OptimizationEvent");

/** A page of stored events. */
export const OptimizationEventPageSchema = z.array(OptimizationEventSchema).openapi("OptimizationEventPage");

/** Path parameters of an optimisation route. */
export const OptimizationIdParams = z.object({
  optimization_id: z.string().openapi({
    param: { name: "optimization_id", in: "path" }, description: "Optimization id (UUID).", example: "9b2f7c1a-3e4d-4f5a-8b6c-7d8e9f0a1b2c",
  }),
});
