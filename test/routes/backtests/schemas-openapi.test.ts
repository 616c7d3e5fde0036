import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { describe, expect, it } from "vitest";
import {
  BacktestRequestSchema, BacktestResultSchema, BacktestStatusSchema, RunEventSchema,
} from "../../../src/routes/backtests/backtests.schemas.ts";

function document() {
  const app = new OpenAPIHono();
  const route = createRoute({
    method: "post", path: "/v1/backtests",
    request: { body: { content: { "application/json": { schema: BacktestRequestSchema } } } },
    responses: {
      201: { description: "Accepted", content: { "application/json": { schema: BacktestStatusSchema } } },
      200: { description: "Result", content: { "application/json": { schema: BacktestResultSchema } } },
      202: { description: "Event", content: { "application/json": { schema: RunEventSchema } } },
    },
  });
  app.openapi(route, (c) => c.json({} as never, 201));
  return app.getOpenAPI31Document({ openapi: "3.1.0", info: { title: "t", version: "1" } });
}

describe("OpenAPI output of the backtest schemas", () => {
  const schemas = document().components?.schemas as Record<string, { properties?: Record<string, Record<string, unknown>>; required?: string[] }>;

  it("documents request fields with defaults, ranges and units", () => {
    const request = schemas.BacktestRequest;
    expect(request.required).toEqual(["symbols", "start_date", "end_date"]);
    expect(request.properties?.initial_capital).toMatchObject({ default: 1_000_000, exclusiveMinimum: 0, maximum: 1e12 });
    expect(request.properties?.resolution).toMatchObject({ default: "day", enum: ["minute", "hour", "day"] });
    expect(request.properties?.symbols).toMatchObject({ minItems: 1, maxItems: 100 });
    expect(request.properties?.risk_free_rate?.description).toContain("Annual");
    expect(schemas.ExecutionInput.properties?.max_volume_participation).toMatchObject({ exclusiveMinimum: 0, maximum: 1, default: 0.25 });
  });

  it("documents the result's metrics with units", () => {
    const metrics = schemas.MetricsSummary.properties!;
    expect(metrics.max_drawdown.description).toContain("percent");
    expect(metrics.max_drawdown_duration_days.description).toContain("calendar days");
    expect(Object.keys(schemas.BacktestResult.properties!)).toContain("content_hash");
    expect(schemas.BacktestResult.required).toContain("manifest");
  });
});
