/**
 * `execution.slippage_bps` < 10000: sells fill at `open × (1 − slippage_bps / 1e4)`, so 10000
 * bps would sell at 0 and more at a negative price. A 422 at request time, for a backtest and
 * for an optimisation's base backtest, and the bound is in the OpenAPI document.
 */
import { describe, expect, it } from "vitest";
import { makeApp } from "../../app/helpers.ts";
import { BASE_BACKTEST, makeOptimizationApp, optimizationBody, postOptimization } from "../optimizations/optimization-harness.ts";
import { createRun, sampleBody } from "./run-client.ts";

type Detail = { loc: (string | number)[]; msg: string; type: string };
const details = (json: Record<string, unknown>) => (json.error as { details: Detail[] }).details;

describe("execution.slippage_bps below 10000", () => {
  it.each([10_000, 12_500])("POST /v1/backtests with slippage_bps %d is a 422 naming the field and the rule", async (bps) => {
    const { res, json } = await createRun(makeApp(), sampleBody({ execution: { slippage_bps: bps } }));
    expect(res.status).toBe(422);
    expect(details(json)).toEqual([{ loc: ["body", "execution", "slippage_bps"], msg: "Input should be less than 10000", type: "less_than" }]);
  });

  it("accepts 9999 bps", async () => {
    const { res } = await createRun(makeApp(), sampleBody({ execution: { slippage_bps: 9_999 }, end_date: "2022-02-01" }));
    expect(res.status).toBe(201);
  });

  it("an optimisation's base backtest gets the same rule", async () => {
    const { h, fake } = makeOptimizationApp();
    const { res, json } = await postOptimization(h, optimizationBody({ base_backtest: { ...BASE_BACKTEST, execution: { slippage_bps: 10_000 } } }));
    expect(res.status).toBe(422);
    expect(fake.entries.size).toBe(0);
    expect(details(json)).toContainEqual({ loc: ["body", "base_backtest", "execution", "slippage_bps"], msg: "Input should be less than 10000", type: "less_than" });
  });

  it("documents the bound in the OpenAPI schema shared by backtests and base backtests", async () => {
    const { h } = makeOptimizationApp();
    const doc = (await (await h.request("/openapi.json")).json()) as { components: { schemas: Record<string, { properties?: Record<string, Record<string, unknown>> }> } };
    const slippage = doc.components.schemas.ExecutionInput.properties?.slippage_bps;
    expect(slippage).toMatchObject({ minimum: 0, exclusiveMaximum: 10_000, default: 5 });
    expect(doc.components.schemas.BacktestRequest.properties?.execution).toMatchObject({ $ref: "#/components/schemas/ExecutionInput" });
  });
});
