import { describe, expect, it } from "vitest";
import { API_CSP_VALUE, VALID_KEY, failingStore, makeApp } from "./helpers.ts";

const RUN = "/v1/backtests/00000000-0000-4000-8000-000000000001";

describe("values thrown that are not Errors", () => {
  it("still get the 500 envelope, headers and a logged error", async () => {
    const harness = makeApp(undefined, { store: failingStore("a plain string") });
    const res = await harness.request(RUN, { headers: { Authorization: `Bearer ${VALID_KEY}`, "X-Request-ID": "thrown-1" } });
    expect(res.status).toBe(500);
    expect(res.headers.get("content-security-policy")).toBe(API_CSP_VALUE);
    expect(res.headers.get("x-request-id")).toBe("thrown-1");
    expect(await res.json()).toEqual({ error: { code: "internal_error", message: "Internal server error", details: null }, request_id: "thrown-1" });
    const logged = harness.events("error");
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ request_id: "thrown-1", error: "a plain string" });
  });
});

describe("methods other than GET on protected paths", () => {
  it("OPTIONS needs a key like everything else (no CORS configured)", async () => {
    const harness = makeApp();
    const res = await harness.request(RUN, { method: "OPTIONS" });
    expect(res.status).toBe(401);
  });

  it("a POST asking for an upgrade on a stream path is not treated as a WebSocket", async () => {
    const harness = makeApp();
    const res = await harness.request(`${RUN}/stream`, { method: "POST", headers: { Upgrade: "websocket", Connection: "Upgrade" } });
    expect(res.status).toBe(401);
    expect(harness.sockets).toHaveLength(0);
    expect(harness.events("auth")[0]).toMatchObject({ transport: "http", outcome: "denied" });
  });
});
