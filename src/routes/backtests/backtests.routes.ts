/** The run routes of API spec §1 as data (the stream route is in `stream.routes.ts`). */
import { createRoute, z } from "@hono/zod-openapi";
import type { RequestContext } from "../../engine/index.ts";
import { HEADER_SECURITY, PROTECTED_ERROR_RESPONSES, errorResponseOf } from "../../http/openapi.ts";
import { BacktestRequestSchema, BacktestStatusSchema, createBacktestRequestSchema } from "./backtests.schemas.ts";
import {
  BoundedResultSchema, EventPageSchema, EventsQuerySchema, ListQuerySchema, SectionPageSchema, SectionParamsSchema, SectionQuerySchema,
} from "./runs.schemas.ts";
import { RunIdParams } from "./stream.routes.ts";

const json = <T extends z.ZodTypeAny>(schema: T, description: string) => ({ description, content: { "application/json": { schema } } });
const notFound = { 404: errorResponseOf("Run not found.") };
const common = { tags: ["backtests"], security: HEADER_SECURITY };

/** `POST /v1/backtests` as documented: the body's fields as {@link BacktestRequestSchema} describes them. */
export const createRunRoute = createRoute({
  ...common,
  method: "post",
  path: "/v1/backtests",
  summary: "Submit a backtest",
  description: "Validates every field and the data it names (all broken rules in one 422; unknown symbols for the chosen source are a 422), stores the run and queues it.",
  request: { body: { required: true, content: { "application/json": { schema: BacktestRequestSchema } } } },
  responses: {
    201: { ...json(BacktestStatusSchema, "Queued; `Location` names the run."), headers: z.object({ Location: z.string() }) },
    413: errorResponseOf("Body too large."),
    415: errorResponseOf("Body is not application/json."),
    ...PROTECTED_ERROR_RESPONSES,
  },
});

/** `POST /v1/backtests` as served: the engine validates the raw body (its rules depend on the host's request context). */
export const validatingCreateRunRoute = (ctx: RequestContext) => ({
  ...createRunRoute,
  request: { body: { required: true, content: { "application/json": { schema: createBacktestRequestSchema(ctx) } } } },
});

/** `GET /v1/backtests`. */
export const listRunsRoute = createRoute({
  ...common,
  method: "get",
  path: "/v1/backtests",
  summary: "List runs, newest first",
  description: "Cursor-paged; when more runs exist the response has `Link: <…>; rel=\"next\"`. A malformed cursor is a 422.",
  request: { query: ListQuerySchema },
  responses: { 200: json(z.array(BacktestStatusSchema), "One page of runs."), ...PROTECTED_ERROR_RESPONSES },
});

/** `GET /v1/backtests/{run_id}`. */
export const getRunRoute = createRoute({
  ...common,
  method: "get",
  path: "/v1/backtests/{run_id}",
  summary: "A run's status",
  request: { params: RunIdParams },
  responses: { 200: json(BacktestStatusSchema, "The run's status."), ...notFound, ...PROTECTED_ERROR_RESPONSES },
});

/** `GET /v1/backtests/{run_id}/results`. */
export const resultRoute = createRoute({
  ...common,
  method: "get",
  path: "/v1/backtests/{run_id}/results",
  summary: "A completed run's result (bounded)",
  description: `Curves are downsampled to at most 2,000 points and lists cut to their first 1,000 items; \`sections\` says what
was included and where to page the full data. \`ETag\` is the result's \`content_hash\`; \`If-None-Match\` gives 304.`,
  request: { params: RunIdParams },
  responses: {
    200: json(BoundedResultSchema, "The bounded result."),
    304: { description: "Not modified (`If-None-Match` matched the ETag)." },
    ...notFound,
    409: errorResponseOf("Not available: queued or running, or failed/cancelled (`details` carry `state` and `error`)."),
    ...PROTECTED_ERROR_RESPONSES,
  },
});

/** `GET /v1/backtests/{run_id}/results/{section}`. */
export const sectionRoute = createRoute({
  ...common,
  method: "get",
  path: "/v1/backtests/{run_id}/results/{section}",
  summary: "A page of one result section (full data)",
  request: { params: SectionParamsSchema, query: SectionQuerySchema },
  responses: {
    200: json(SectionPageSchema, "Items `[offset, offset + limit)`."),
    ...notFound,
    409: errorResponseOf("No result yet (or the run failed / was cancelled)."),
    ...PROTECTED_ERROR_RESPONSES,
  },
});

/** `POST /v1/backtests/{run_id}/cancel`. */
export const cancelRoute = createRoute({
  ...common,
  method: "post",
  path: "/v1/backtests/{run_id}/cancel",
  summary: "Cancel a queued or running run",
  request: { params: RunIdParams },
  responses: {
    200: json(BacktestStatusSchema, "Cancelled."),
    ...notFound,
    409: errorResponseOf("Already terminal (`details` carry `state` and `error`)."),
    ...PROTECTED_ERROR_RESPONSES,
  },
});

/** `GET /v1/backtests/{run_id}/events`. */
export const eventsRoute = createRoute({
  ...common,
  method: "get",
  path: "/v1/backtests/{run_id}/events",
  summary: "A page of a run's stored events",
  description: "The same objects the stream sends, `event_id > after`, ascending.",
  request: { params: RunIdParams, query: EventsQuerySchema },
  responses: { 200: json(EventPageSchema, "Events."), ...notFound, ...PROTECTED_ERROR_RESPONSES },
});
