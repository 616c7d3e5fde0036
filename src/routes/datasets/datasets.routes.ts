/** `POST /v1/datasets/{symbol}` and `GET /v1/datasets` as data. */
import { createRoute, z } from "@hono/zod-openapi";
import { HEADER_SECURITY, PROTECTED_ERROR_RESPONSES, errorResponseOf } from "../../http/openapi.ts";
import { DatasetInfoSchema, DatasetParamsSchema, DatasetQuerySchema } from "./datasets.schemas.ts";

/** Upload a series as CSV. */
export const uploadDatasetRoute = createRoute({
  method: "post",
  path: "/v1/datasets/{symbol}",
  tags: ["datasets"],
  summary: "Upload a symbol's bars (CSV)",
  description: `A \`text/csv\` body with a header row (timestamp|date|datetime|time, open, high, low, close, volume). The series
replaces any stored one of the same symbol and resolution and serves \`data_source: "dataset"\` and \`"default"\`.
Malformed CSV is a 422 naming the line and column.`,
  security: HEADER_SECURITY,
  request: {
    params: DatasetParamsSchema,
    query: DatasetQuerySchema,
    body: { required: true, content: { "text/csv": { schema: z.string().openapi({ example: "timestamp,open,high,low,close,volume\n2024-01-02,10,11,9,10.5,1000\n" }) } } },
  },
  responses: {
    201: { description: "Stored; the validation summary.", content: { "application/json": { schema: DatasetInfoSchema } } },
    413: errorResponseOf("Body too large (`GLOWBACK_MAX_BODY_BYTES`)."),
    415: errorResponseOf("Body is not text/csv."),
    ...PROTECTED_ERROR_RESPONSES,
  },
});

/** List stored series. */
export const listDatasetsRoute = createRoute({
  method: "get",
  path: "/v1/datasets",
  tags: ["datasets"],
  summary: "List stored series",
  security: HEADER_SECURITY,
  responses: {
    200: { description: "Every stored series, by symbol then resolution.", content: { "application/json": { schema: z.array(DatasetInfoSchema) } } },
    ...PROTECTED_ERROR_RESPONSES,
  },
});
