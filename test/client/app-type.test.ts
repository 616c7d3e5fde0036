/**
 * `AppType` is derived from the route definitions, not from the registrations; this keeps the two
 * in step: every `/v1` route the app serves (but the WebSocket/SSE stream) is in the type, and
 * every path of the type is served.
 */
import { describe, expect, it } from "vitest";
import type { AppSchema } from "../../src/routes/app-type.ts";
import { makeOptimizationApp } from "../routes/optimizations/optimization-harness.ts";

const TYPED_PATHS = [
  "/v1/backtests",
  "/v1/backtests/:run_id",
  "/v1/backtests/:run_id/results",
  "/v1/backtests/:run_id/results/:section",
  "/v1/backtests/:run_id/cancel",
  "/v1/backtests/:run_id/events",
  "/v1/datasets/:symbol",
  "/v1/datasets",
  "/v1/strategies",
  "/v1/healthz",
  "/v1/optimizations",
  "/v1/optimizations/:optimization_id",
  "/v1/optimizations/:optimization_id/results",
  "/v1/optimizations/:optimization_id/cancel",
  "/v1/optimizations/:optimization_id/resume",
  "/v1/optimizations/:optimization_id/events",
] as const satisfies readonly (keyof AppSchema)[];

// Compile-time: fails to type-check when `AppSchema` gains a path this list lacks.
const exhaustive: Exclude<keyof AppSchema, (typeof TYPED_PATHS)[number]> extends never ? true : false = true;

describe("AppType", () => {
  it("covers exactly the app's /v1 routes except the streams (with the optimisation routes served)", () => {
    const { app } = makeOptimizationApp().h;
    const served = new Set(
      app.routes.filter((r) => r.path.startsWith("/v1/") && r.method !== "ALL" && !r.path.endsWith("/stream")).map((r) => r.path),
    );
    expect(exhaustive).toBe(true);
    expect([...served].sort()).toEqual([...TYPED_PATHS].sort());
  });
});
