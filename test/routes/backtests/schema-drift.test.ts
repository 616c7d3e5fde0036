/**
 * Type-level guard: the zod schemas and the engine's TypeScript types cannot drift apart.
 * These assertions are checked by `tsc` (the project's type-check covers `test/`); the runtime
 * half lives in `result-schema.test.ts`.
 */
import type { z } from "@hono/zod-openapi";
import { describe, expectTypeOf, it } from "vitest";
import type { BacktestMetrics, BacktestResult, Tearsheet, BacktestManifest } from "../../../src/engine/report/result-types.ts";
import type { BacktestRequest, PortfolioConstructionSpec } from "../../../src/engine/types.ts";
import type { BacktestRunEvent } from "../../../src/engine/run/run-types.ts";
import {
  BacktestRequestSchema, BacktestResultSchema, createBacktestRequestSchema, EffectiveBacktestRequestSchema,
  ManifestSchema, MetricsSummarySchema, RunEventSchema, TearsheetSchema,
} from "../../../src/routes/backtests/backtests.schemas.ts";
import { PortfolioConstructionSchema } from "../../../src/routes/backtests/backtest-request.schemas.ts";

describe("schema drift", () => {
  it("the result schema infers exactly BacktestResult", () => {
    expectTypeOf<z.infer<typeof MetricsSummarySchema>>().toEqualTypeOf<BacktestMetrics>();
    expectTypeOf<z.infer<typeof TearsheetSchema>>().toEqualTypeOf<Tearsheet>();
    expectTypeOf<z.infer<typeof ManifestSchema>>().toEqualTypeOf<BacktestManifest>();
    expectTypeOf<z.infer<typeof BacktestResultSchema>>().toEqualTypeOf<BacktestResult>();
  });

  it("the validating request schema outputs exactly BacktestRequest", () => {
    expectTypeOf<z.output<ReturnType<typeof createBacktestRequestSchema>>>().toEqualTypeOf<BacktestRequest>();
    expectTypeOf<z.infer<typeof EffectiveBacktestRequestSchema>>().toEqualTypeOf<BacktestRequest>();
    expectTypeOf<z.infer<typeof PortfolioConstructionSchema>>().toEqualTypeOf<PortfolioConstructionSpec>();
  });

  it("an effective request is a valid request body (replay_request)", () => {
    // Mapped copies: interfaces have no implicit index signature, the loose body schema has one.
    type Plain<T> = { [K in keyof T]: T[K] extends object | null ? Plain<T[K]> : T[K] };
    expectTypeOf<Plain<BacktestRequest>>().toExtend<z.input<typeof BacktestRequestSchema>>();
  });

  it("run events carry the engine's event payloads", () => {
    type Payload<T extends string> = Extract<z.infer<typeof RunEventSchema>, { type: T }>["payload"];
    expectTypeOf<Omit<Extract<BacktestRunEvent, { type: "progress" }>, "type">>().toEqualTypeOf<Payload<"progress">>();
    expectTypeOf<Omit<Extract<BacktestRunEvent, { type: "metric" }>, "type">>().toEqualTypeOf<Payload<"metric">>();
    expectTypeOf<Omit<Extract<BacktestRunEvent, { type: "log" }>, "type">>().toEqualTypeOf<Payload<"log">>();
  });
});
