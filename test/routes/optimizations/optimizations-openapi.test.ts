/** The OpenAPI document of an app serving optimisations: every route, its parameters, security and body fields. */
import { describe, expect, it } from "vitest";
import { makeOptimizationApp } from "./optimization-harness.ts";

interface Operation {
  tags?: string[];
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: string; required?: boolean }[];
  requestBody?: { required?: boolean; content: Record<string, { schema: { $ref?: string } }> };
  responses: Record<string, unknown>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { properties?: Record<string, Record<string, unknown>>; required?: string[]; additionalProperties?: unknown }>; securitySchemes: Record<string, unknown> };
}

async function documentOf(): Promise<Document> {
  const { h } = makeOptimizationApp();
  const res = await h.request("/openapi.json");
  expect(res.status).toBe(200);
  return (await res.json()) as Document;
}

const HEADER = [{ bearerAuth: [] }, { apiKeyHeader: [] }];
const STREAM = [...HEADER, { apiKeyQuery: [] }];

describe("OpenAPI document with optimisations", () => {
  it("lists every optimisation route once, at /v1 only, with its methods and security", async () => {
    const doc = await documentOf();
    const paths = Object.keys(doc.paths).filter((p) => p.includes("optimizations"));
    expect(paths.sort()).toEqual([
      "/v1/optimizations",
      "/v1/optimizations/{optimization_id}",
      "/v1/optimizations/{optimization_id}/cancel",
      "/v1/optimizations/{optimization_id}/events",
      "/v1/optimizations/{optimization_id}/results",
      "/v1/optimizations/{optimization_id}/resume",
      "/v1/optimizations/{optimization_id}/stream",
    ]);
    const methods = Object.fromEntries(paths.map((p) => [p, Object.keys(doc.paths[p]).sort()]));
    expect(methods["/v1/optimizations"]).toEqual(["get", "post"]);
    expect(methods["/v1/optimizations/{optimization_id}/resume"]).toEqual(["post"]);
    for (const path of paths) {
      for (const operation of Object.values(doc.paths[path])) {
        expect([path, operation.tags]).toEqual([path, ["optimizations"]]);
        expect([path, operation.security]).toEqual([path, path.endsWith("/stream") ? STREAM : HEADER]);
        if (path.includes("{optimization_id}")) {
          expect(operation.parameters?.filter((p) => p.in === "path")).toEqual([expect.objectContaining({ name: "optimization_id", in: "path", required: true })]);
        }
      }
    }
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(["apiKeyHeader", "apiKeyQuery", "bearerAuth"]);
  });

  it("documents the request body fields (not the permissive validator) and the responses", async () => {
    const doc = await documentOf();
    const post = doc.paths["/v1/optimizations"].post;
    expect(post.requestBody?.required).toBe(true);
    expect(post.requestBody?.content["application/json"].schema).toEqual({ $ref: "#/components/schemas/OptimizationRequest" });
    expect(Object.keys(post.responses).sort()).toEqual(["201", "401", "413", "415", "422", "500"]);
    const request = doc.components.schemas.OptimizationRequest;
    expect(request.required).toEqual(["name", "search_space", "base_backtest"]);
    expect(request.additionalProperties).toBe(false);
    expect(request.properties?.max_trials).toMatchObject({ type: "integer", minimum: 1, maximum: 10_000, default: 50 });
    expect(request.properties?.validation_fraction).toMatchObject({ minimum: 0.05, maximum: 0.9, default: 0.3 });
    expect(request.properties?.grid_steps).toMatchObject({ minimum: 2, maximum: 100, default: 5 });
    expect(request.properties?.strategy).toMatchObject({ enum: ["grid", "random", "bayesian"], default: "random" });
    expect(request.properties?.base_backtest?.allOf).toEqual([
      { $ref: "#/components/schemas/BacktestRequest" },
      { description: expect.stringContaining("A full backtest request") },
    ]);
    expect(doc.components.schemas.SearchParameterInput.properties?.kind).toMatchObject({ enum: ["float_range", "int_range", "log_uniform", "choice"] });

    const results = doc.paths["/v1/optimizations/{optimization_id}/results"].get;
    expect(Object.keys(results.responses).sort()).toEqual(["200", "304", "401", "404", "409", "422", "500"]);
    for (const name of ["OptimizationStatus", "OptimizationResult", "OptimizationEvent", "TrialResult", "EffectiveOptimizationRequest"]) {
      expect(doc.components.schemas[name], name).toBeDefined();
    }
  });
});
