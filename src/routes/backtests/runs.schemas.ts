/** Query, path and page schemas of the run routes (list, results pages, events page). */
import { z } from "@hono/zod-openapi";
import { RESULT_SECTIONS } from "../../runs/run-store.ts";
import { MAX_SECTION_PAGE } from "../../runs/result-parts.ts";
import { BacktestResultSchema, RunEventSchema, RunStateSchema } from "./backtests.schemas.ts";

const intQuery = (min: number, max: number, fallback: number, description: string) =>
  z
    .string()
    .regex(/^\d{1,9}$/, "must be a non-negative integer")
    .transform(Number)
    .refine((n) => n >= min && n <= max, { message: `must be between ${min} and ${max}` })
    .optional()
    .transform((n) => n ?? fallback)
    .openapi({ type: "integer", minimum: min, maximum: max, default: fallback, description });

/** `GET /v1/backtests` query. */
export const ListQuerySchema = z.object({
  state: RunStateSchema.optional().openapi({ description: "Only runs in this state." }),
  limit: intQuery(1, 200, 50, "Page size, 1..200."),
  cursor: z.string().max(512).optional().openapi({ description: "Opaque cursor from the previous page's `Link: rel=\"next\"`." }),
});

/** `GET /v1/backtests/{run_id}/events` query. */
export const EventsQuerySchema = z.object({
  after: intQuery(0, Number.MAX_SAFE_INTEGER, 0, "Return events with `event_id` greater than this."),
  limit: intQuery(1, 1000, 100, "Page size, 1..1000."),
});

/** A section of a stored result. */
export const SectionNameSchema = z.enum(RESULT_SECTIONS).openapi("ResultSectionName");

/** Path of `GET /v1/backtests/{run_id}/results/{section}`. */
export const SectionParamsSchema = z.object({
  run_id: z.string().openapi({ param: { name: "run_id", in: "path" }, description: "Run id (UUID)." }),
  section: SectionNameSchema.openapi({ param: { name: "section", in: "path" } }),
});

/** Query of a section page. */
export const SectionQuerySchema = z.object({
  offset: intQuery(0, Number.MAX_SAFE_INTEGER, 0, "Index of the first item."),
  limit: intQuery(1, MAX_SECTION_PAGE, 1000, `Items per page, 1..${MAX_SECTION_PAGE}.`),
});

/** What the bounded result says about one section. */
export const SectionInfoSchema = z.object({
  total: z.number().int().openapi({ description: "Items in the full section." }),
  included: z.number().int().openapi({ description: "Items included in this (bounded) response." }),
  downsampled: z.boolean().openapi({ description: "Curve thinned to first, last and each bucket's extremes (the max drawdown trough is kept)." }),
  truncated: z.boolean().openapi({ description: "List cut to its first items." }),
  href: z.string().openapi({ description: "Path of the full section's pages (`?offset=&limit=`), relative to the API root." }),
}).openapi("ResultSectionInfo");

/** The bounded result of `GET /v1/backtests/{run_id}/results`. */
export const BoundedResultSchema = BacktestResultSchema.extend({
  sections: z.record(SectionNameSchema, SectionInfoSchema).openapi({ description: "Per section: how much of it this response includes and where to page the rest." }),
}).openapi("BoundedBacktestResult");

/** A page of one section. */
export const SectionPageSchema = z.object({
  run_id: z.string(),
  section: SectionNameSchema,
  offset: z.number().int(),
  limit: z.number().int(),
  total: z.number().int(),
  items: z.array(z.unknown()).openapi({ description: "Items `[offset, offset + limit)` of the section, in the result's row schema." }),
}).openapi("ResultSectionPage");

/** A page of stored events. */
export const EventPageSchema = z.array(RunEventSchema).openapi("RunEventPage");
