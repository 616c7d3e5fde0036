/** Schemas of the datasets feature: upload path/query and the stored series' summary. */
import { z } from "@hono/zod-openapi";

/** Path of `POST /v1/datasets/{symbol}`. */
export const DatasetParamsSchema = z.object({
  symbol: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,32}$/, "Symbol should match pattern '^[A-Za-z0-9._-]{1,32}$'")
    .openapi({ param: { name: "symbol", in: "path" }, description: "Ticker (upper-cased when stored).", example: "AAPL" }),
});

/** Query of the upload. */
export const DatasetQuerySchema = z.object({
  resolution: z.enum(["minute", "hour", "day"]).default("day").openapi({ description: "Bar resolution of the uploaded series.", default: "day" }),
});

const QualitySchema = z.object({
  symbol: z.string(), rows_seen: z.number().int(), bars: z.number().int(), duplicate_timestamps: z.number().int(),
  missing_intervals: z.number().int(), inconsistent_ohlc: z.number().int(), negative_prices: z.number().int(),
  negative_volume: z.number().int(), sample_data: z.boolean(), issues: z.array(z.string()), has_critical_issues: z.boolean(),
}).openapi("DatasetQuality");

/** What is stored about an uploaded series (the upload's validation summary). */
export const DatasetInfoSchema = z.object({
  symbol: z.string(),
  resolution: z.enum(["minute", "hour", "day"]),
  bars: z.number().int().openapi({ description: "Bars stored (rows with critical problems are dropped)." }),
  start: z.string().nullable().openapi({ description: "First bar, ISO-8601 UTC." }),
  end: z.string().nullable().openapi({ description: "Last bar, ISO-8601 UTC." }),
  uploaded_at: z.string().openapi({ description: "ISO-8601 UTC." }),
  fingerprint: z.string().openapi({ description: "SHA-256 hex over the stored bars." }),
  quality: QualitySchema,
}).openapi("DatasetInfo");
