/**
 * The optimisation schemas cannot drift from the domain types: type-level assertions (checked by
 * `tsc`, which covers `test/`) and runtime checks that the documented request names exactly the
 * engine's fields and that a result the engine builds parses with the (strict) result schema.
 */
import type { z } from "@hono/zod-openapi";
import { describe, expect, expectTypeOf, it } from "vitest";
import { OPTIMIZATION_FIELDS } from "../../../src/engine/optimize/index.ts";
import type { OptimizationRequest, OptimizationResult, TrialResult } from "../../../src/engine/optimize/types.ts";
import type { OptimizationEvent, OptimizationEventType, OptimizationStatus } from "../../../src/runs/optimizations/optimization-types.ts";
import {
  createOptimizationBodySchema, EffectiveOptimizationRequestSchema, OptimizationRequestSchema, SearchParameterInputSchema,
} from "../../../src/routes/optimizations/optimization-request.schemas.ts";
import { OptimizationResultSchema } from "../../../src/routes/optimizations/optimization-result.schemas.ts";
import { OptimizationEventSchema, OptimizationStatusSchema, TrialResultSchema } from "../../../src/routes/optimizations/optimizations.schemas.ts";
import { sampleResult } from "./optimization-harness.ts";

describe("schema drift (types)", () => {
  it("status, trial and result schemas infer exactly the domain types", () => {
    expectTypeOf<z.infer<typeof TrialResultSchema>>().toEqualTypeOf<TrialResult>();
    expectTypeOf<z.infer<typeof OptimizationStatusSchema>>().toEqualTypeOf<OptimizationStatus>();
    expectTypeOf<z.infer<typeof EffectiveOptimizationRequestSchema>>().toEqualTypeOf<OptimizationRequest>();
    expectTypeOf<z.infer<typeof OptimizationResultSchema>>().toEqualTypeOf<OptimizationResult>();
  });

  it("the validating body schema outputs exactly OptimizationRequest", () => {
    expectTypeOf<z.output<ReturnType<typeof createOptimizationBodySchema>>>().toEqualTypeOf<OptimizationRequest>();
  });

  it("the documented request names the same fields as the effective one", () => {
    expectTypeOf<keyof z.input<typeof OptimizationRequestSchema>>().toEqualTypeOf<keyof OptimizationRequest>();
    expectTypeOf<keyof z.input<typeof OptimizationRequestSchema>>().toEqualTypeOf<(typeof OPTIMIZATION_FIELDS)[number]>();
  });

  it("events: the same envelope and event types as the domain's", () => {
    type Inferred = z.infer<typeof OptimizationEventSchema>;
    expectTypeOf<Inferred["type"]>().toEqualTypeOf<OptimizationEventType>();
    expectTypeOf<keyof Inferred>().toEqualTypeOf<keyof OptimizationEvent>();
    expectTypeOf<Inferred>().toExtend<OptimizationEvent>();
  });
});

describe("schema drift (runtime)", () => {
  it("the documented request lists exactly OPTIMIZATION_FIELDS, and a parameter exactly what the engine reads", () => {
    expect(Object.keys(OptimizationRequestSchema.shape).sort()).toEqual([...OPTIMIZATION_FIELDS].sort());
    expect(Object.keys(SearchParameterInputSchema.shape).sort()).toEqual(["high", "kind", "low", "name", "values"]);
  });

  it("a result the engine builds parses with the strict result schema, unchanged", () => {
    const result = JSON.parse(JSON.stringify(sampleResult())) as unknown;
    expect(OptimizationResultSchema.parse(result)).toEqual(result);
    expect(EffectiveOptimizationRequestSchema.strict().safeParse((result as OptimizationResult).manifest.request).success).toBe(true);
  });

  it("the fake's events parse with the event schema", async () => {
    const { makeOptimizationApp, createOptimization } = await import("./optimization-harness.ts");
    const { trial } = await import("./fake-optimizations.ts");
    const { h, fake } = makeOptimizationApp();
    const id = await createOptimization(h);
    fake.start(id);
    fake.finishTrial(id, trial(1, 0.25));
    fake.fail(id, "boom");
    const events = fake.entries.get(id)!.events;
    expect(events.map((e) => e.type)).toEqual(["state", "state", "trial", "best", "progress", "state"]);
    for (const event of events) expect(OptimizationEventSchema.parse(event)).toEqual(event);
  });
});
