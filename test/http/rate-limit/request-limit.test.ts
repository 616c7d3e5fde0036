import { describe, expect, it } from "vitest";
import { FIXED_SECURITY_HEADERS, SECOND_KEY, UUID_PATTERN, VALID_KEY, upgradeHeaders } from "../../app/helpers.ts";
import { limitedApp, rateHeaders } from "./harness.ts";

const bearer = (key: string, extra: Record<string, string> = {}) => ({ headers: { Authorization: `Bearer ${key}`, ...extra } });
const UNKNOWN_RUN = "00000000-0000-4000-8000-000000000000";

describe("per-key token bucket (API spec §9)", () => {
  it("counts down, refuses with 429 and Retry-After, and refills continuously", async () => {
    // 3 per 60 s: a token every 20 s.
    const h = limitedApp({ GLOWBACK_RATE_LIMIT: "3", GLOWBACK_RATE_WINDOW: "60" });
    const seen = [];
    for (let i = 0; i < 3; i += 1) {
      const response = await h.request("/v1/backtests", bearer(VALID_KEY));
      seen.push([response.status, ...rateHeaders(response)]);
    }
    expect(seen).toEqual([
      [200, "3", "2", "1800000020"],
      [200, "3", "1", "1800000040"],
      [200, "3", "0", "1800000060"],
    ]);
    const refused = await h.request("/v1/backtests", bearer(VALID_KEY, { "X-Request-ID": "rl-1" }));
    expect(refused.status).toBe(429);
    expect(rateHeaders(refused)).toEqual(["3", "0", "1800000060"]);
    expect(refused.headers.get("retry-after")).toBe("20");
    expect(await refused.json()).toEqual({ error: { code: "too_many_requests", message: "Too many requests", details: null }, request_id: "rl-1" });
    expect(refused.headers.get("x-request-id")).toBe("rl-1");
    for (const [name, value] of Object.entries(FIXED_SECURITY_HEADERS)) expect(refused.headers.get(name)).toBe(value);

    h.clock.now += 10_000;
    const stillRefused = await h.request("/v1/backtests", bearer(VALID_KEY));
    expect([stillRefused.status, stillRefused.headers.get("retry-after")]).toEqual([429, "10"]);
    h.clock.now += 10_000;
    const refilled = await h.request("/v1/backtests", bearer(VALID_KEY));
    expect([refilled.status, ...rateHeaders(refilled)]).toEqual([200, "3", "0", "1800000080"]);
  });

  it("keeps a separate bucket per key", async () => {
    const h = limitedApp({ GLOWBACK_RATE_LIMIT: "1" });
    expect((await h.request("/v1/backtests", bearer(VALID_KEY))).status).toBe(200);
    expect((await h.request("/v1/backtests", bearer(VALID_KEY))).status).toBe(429);
    const other = await h.request("/v1/backtests", bearer(SECOND_KEY));
    expect([other.status, ...rateHeaders(other)]).toEqual([200, "1", "0", "1800000060"]);
  });

  it("shares one bucket between /v1 and legacy paths; the legacy 429 body is {detail}", async () => {
    const h = limitedApp({ GLOWBACK_RATE_LIMIT: "1" });
    expect((await h.request("/v1/backtests", bearer(VALID_KEY))).status).toBe(200);
    const refused = await h.request("/backtests", bearer(VALID_KEY));
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("60");
    expect(refused.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(await refused.json()).toEqual({ detail: "Too many requests" });
  });

  it("puts the headers on errors after auth (404, 422, 405)", async () => {
    const h = limitedApp({ GLOWBACK_RATE_LIMIT: "10" });
    const notFound = await h.request(`/v1/backtests/${UNKNOWN_RUN}`, bearer(VALID_KEY));
    expect([notFound.status, ...rateHeaders(notFound)]).toEqual([404, "10", "9", "1800000006"]);
    const invalid = await h.request("/v1/backtests?limit=0", bearer(VALID_KEY));
    expect([invalid.status, ...rateHeaders(invalid)]).toEqual([422, "10", "8", "1800000012"]);
    const wrongMethod = await h.request("/v1/backtests", { method: "DELETE", ...bearer(VALID_KEY) });
    expect([wrongMethod.status, ...rateHeaders(wrongMethod)]).toEqual([405, "10", "7", "1800000018"]);
  });

  it("never limits /healthz, /v1/healthz, /openapi.json and /docs", async () => {
    const h = limitedApp({ GLOWBACK_RATE_LIMIT: "1" });
    for (let round = 0; round < 3; round += 1) {
      for (const path of ["/healthz", "/v1/healthz", "/openapi.json", "/docs"]) {
        const response = await h.request(path);
        expect([path, response.status, ...rateHeaders(response)]).toEqual([path, 200, null, null, null]);
      }
    }
    expect(h.limiter.size).toBe(0);
    expect((await h.request("/v1/backtests", bearer(VALID_KEY))).status).toBe(200);
  });

  it("limits per client IP in development mode", async () => {
    const h = limitedApp({ GLOWBACK_API_KEY: "", GLOWBACK_RATE_LIMIT: "2" });
    const ip = (address: string) => ({ headers: { "X-Test-IP": address } });
    expect((await h.request("/v1/backtests", ip("198.51.100.1"))).status).toBe(200);
    expect((await h.request("/v1/backtests", ip("198.51.100.1"))).status).toBe(200);
    const refused = await h.request("/v1/backtests", ip("198.51.100.1"));
    expect([refused.status, refused.headers.get("retry-after")]).toEqual([429, "30"]);
    const other = await h.request("/v1/backtests", ip("198.51.100.2"));
    expect([other.status, ...rateHeaders(other)]).toEqual([200, "2", "1", "1800000030"]);
  });

  it("completes a refused WebSocket upgrade and closes it with 1013", async () => {
    const h = limitedApp({ GLOWBACK_RATE_LIMIT: "1" });
    await h.request("/v1/backtests", bearer(VALID_KEY));
    const response = await h.request(`/v1/backtests/${UNKNOWN_RUN}/stream`, { headers: upgradeHeaders({ Authorization: `Bearer ${VALID_KEY}` }) });
    expect(h.sockets).toHaveLength(1);
    expect(h.sockets[0].closed).toEqual({ code: 1013, reason: "Too many requests" });
    expect(h.sockets[0].sentBeforeClose).toBe(0);
    expect(rateHeaders(response)).toEqual(["1", "0", "1800000060"]);
    expect(response.headers.get("x-request-id")).toMatch(UUID_PATTERN);
  });

  it("logs the 429 in the request line", async () => {
    const h = limitedApp({ GLOWBACK_RATE_LIMIT: "1" });
    await h.request("/v1/backtests", bearer(VALID_KEY));
    await h.request("/v1/backtests", bearer(VALID_KEY, { "X-Request-ID": "rl-log" }));
    const line = h.events("request").find((record) => record.request_id === "rl-log");
    expect(line?.status).toBe(429);
  });
});
