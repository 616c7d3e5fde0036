import { describe, expect, it } from "vitest";
import { STRATEGY_INFOS } from "../../../src/engine/index.ts";
import { API_CSP_VALUE, VALID_KEY, makeApp } from "../../app/helpers.ts";

describe("GET /v1/strategies", () => {
  it("needs a key", async () => {
    const res = await makeApp().app.request("/v1/strategies");
    expect(res.status).toBe(401);
  });

  it("lists the engine's strategies with their parameter schemas", async () => {
    const res = await makeApp().app.request("/v1/strategies", { headers: { Authorization: `Bearer ${VALID_KEY}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(res.headers.get("content-security-policy")).toBe(API_CSP_VALUE);
    const body = (await res.json()) as { name: string; params: Record<string, { type: string; default: unknown }> }[];
    expect(body).toEqual(JSON.parse(JSON.stringify(STRATEGY_INFOS)));
    const rsi = body.find((s) => s.name === "rsi");
    expect(rsi?.params.smoothing).toEqual({ type: "enum", values: ["wilder", "simple"], default: "wilder", description: "Wilder's smoothing of gains/losses, or a simple rolling average." });
    expect(rsi?.params.lookback_period).toMatchObject({ type: "integer", default: 14, min: 1, max: 10_000, unit: "bars" });
  });

  it("answers at the legacy path too and is described in the OpenAPI document", async () => {
    const { app } = makeApp();
    const legacy = await app.request("/strategies", { headers: { "X-API-Key": VALID_KEY } });
    expect(legacy.status).toBe(200);
    const doc = (await (await app.request("/openapi.json")).json()) as { paths: Record<string, { get?: { security?: unknown[] } }> };
    expect(doc.paths["/v1/strategies"]?.get?.security).toEqual([{ bearerAuth: [] }, { apiKeyHeader: [] }]);
    expect(doc.paths["/strategies"]).toBeUndefined();
  });
});
