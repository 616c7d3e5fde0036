/** The optimisation routes (issue 6) as data; conventions as the run routes (API spec §1, §4, §5). */
import { createRoute, z } from "@hono/zod-openapi";
import { HEADER_SECURITY, PROTECTED_ERROR_RESPONSES, errorResponseOf } from "../../http/openapi.ts";
import { RunStateSchema } from "../backtests/backtests.schemas.ts";
import { EventsQuerySchema, ListQuerySchema } from "../backtests/runs.schemas.ts";
import { createStreamRoute } from "../backtests/stream.routes.ts";
import { OptimizationRequestSchema } from "./optimization-request.schemas.ts";
import { OptimizationResultSchema } from "./optimization-result.schemas.ts";
import { OptimizationEventPageSchema, OptimizationIdParams, OptimizationStatusSchema } from "./optimizations.schemas.ts";

const json = <T extends z.ZodTypeAny>(schema: T, description: string) => ({ description, content: { "application/json": { schema } } });
const notFound = { 404: errorResponseOf("Optimization not found.") };
const common = { tags: ["optimizations"], security: HEADER_SECURITY };

/**
 * `POST /v1/optimizations`, as documented. The handler is registered with the same route whose
 * body schema is the engine-backed validator (see `optimization-request.schemas.ts`).
 */
export const createOptimizationRoute = createRoute({
  ...common,
  method: "post",
  path: "/v1/optimizations",
  summary: "Start a parameter search",
  description: `Validates every field (all broken rules in one 422, \`loc\` under \`body\`), and the base backtest's data (unknown
symbols for its source are a 422 at \`body.base_backtest\`), stores the optimization and queues it.`,
  request: { body: { required: true, content: { "application/json": { schema: OptimizationRequestSchema } } } },
  responses: {
    201: { ...json(OptimizationStatusSchema, "Queued; `Location` names the optimization."), headers: z.object({ Location: z.string() }) },
    413: errorResponseOf("Body too large."),
    415: errorResponseOf("Body is not application/json."),
    ...PROTECTED_ERROR_RESPONSES,
  },
});

/** `GET /v1/optimizations`. */
export const listOptimizationsRoute = createRoute({
  ...common,
  method: "get",
  path: "/v1/optimizations",
  summary: "List optimizations, newest first",
  description: "Cursor-paged; when more exist the response has `Link: <…>; rel=\"next\"`. A malformed cursor is a 422.",
  request: { query: ListQuerySchema.extend({ state: RunStateSchema.optional().openapi({ description: "Only optimizations in this state." }) }) },
  responses: { 200: json(z.array(OptimizationStatusSchema), "One page of optimizations."), ...PROTECTED_ERROR_RESPONSES },
});

/** `GET /v1/optimizations/{optimization_id}`. */
export const getOptimizationRoute = createRoute({
  ...common,
  method: "get",
  path: "/v1/optimizations/{optimization_id}",
  summary: "An optimization's status",
  request: { params: OptimizationIdParams },
  responses: { 200: json(OptimizationStatusSchema, "The status, with counts and the best trial so far."), ...notFound, ...PROTECTED_ERROR_RESPONSES },
});

/** `GET /v1/optimizations/{optimization_id}/results`. */
export const optimizationResultRoute = createRoute({
  ...common,
  method: "get",
  path: "/v1/optimizations/{optimization_id}/results",
  summary: "A completed optimization's result",
  description: "Every trial, the best one, diagnostics and a replayable backtest. `ETag` is the result's content hash; `If-None-Match` gives 304.",
  request: { params: OptimizationIdParams },
  responses: {
    200: json(OptimizationResultSchema, "The result."),
    304: { description: "Not modified (`If-None-Match` matched the ETag)." },
    ...notFound,
    409: errorResponseOf("Not available: queued or running, or failed/cancelled (`details` carry `state` and `error`)."),
    ...PROTECTED_ERROR_RESPONSES,
  },
});

/** `POST /v1/optimizations/{optimization_id}/cancel`. */
export const cancelOptimizationRoute = createRoute({
  ...common,
  method: "post",
  path: "/v1/optimizations/{optimization_id}/cancel",
  summary: "Cancel a queued or running optimization",
  description: "In-flight trials are abandoned; finished trials are kept, so the optimization can be resumed.",
  request: { params: OptimizationIdParams },
  responses: {
    200: json(OptimizationStatusSchema, "Cancelled."),
    ...notFound,
    409: errorResponseOf("Already terminal (`details` carry `state` and `error`)."),
    ...PROTECTED_ERROR_RESPONSES,
  },
});

/** `POST /v1/optimizations/{optimization_id}/resume`. */
export const resumeOptimizationRoute = createRoute({
  ...common,
  method: "post",
  path: "/v1/optimizations/{optimization_id}/resume",
  summary: "Resume a cancelled or failed optimization",
  description: "Back to `queued`, keeping every stored trial; its event log continues (a `state` event `queued` follows the terminal one).",
  request: { params: OptimizationIdParams },
  responses: {
    200: json(OptimizationStatusSchema, "Queued again."),
    ...notFound,
    409: errorResponseOf("Not cancelled or failed (`details` carry `state` and `error`)."),
    ...PROTECTED_ERROR_RESPONSES,
  },
});

/** `GET /v1/optimizations/{optimization_id}/events`. */
export const optimizationEventsRoute = createRoute({
  ...common,
  method: "get",
  path: "/v1/optimizations/{optimization_id}/events",
  summary: "A page of an optimization's stored events",
  description: "The same objects the stream sends, `event_id > after`, ascending.",
  request: { params: OptimizationIdParams, query: EventsQuerySchema },
  responses: { 200: json(OptimizationEventPageSchema, "Events."), ...notFound, ...PROTECTED_ERROR_RESPONSES },
});

/** `GET /v1/optimizations/{optimization_id}/stream`: WebSocket or SSE, the run stream's protocol. */
export const optimizationStreamRoute = createStreamRoute({
  path: "/v1/optimizations/{optimization_id}/stream",
  tag: "optimizations",
  params: OptimizationIdParams,
  noun: "optimization",
  note: "Events: `state` (every transition; a resumed optimization's log continues after its `cancelled`/`failed` with `queued`), `trial`, `best`, `progress`, `log`.",
});
