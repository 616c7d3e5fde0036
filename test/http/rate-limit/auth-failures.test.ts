import { describe, expect, it } from "vitest";
import { FIXED_SECURITY_HEADERS, VALID_KEY, WRONG_KEY, upgradeHeaders } from "../../app/helpers.ts";
import { limitedApp, rateHeaders } from "./harness.ts";

const withKey = (key: string, ip = "192.0.2.10", extra: Record<string, string> = {}) => ({
  headers: { Authorization: `Bearer ${key}`, "X-Test-IP": ip, ...extra },
});

describe("failed-authentication bucket per client IP (API spec §9)", () => {
  it("answers 20 bad keys with 401 and the 21st with 429 by default", async () => {
    const h = limitedApp({ GLOWBACK_AUTH_FAILURE_LIMIT: "20" });
    const statuses: number[] = [];
    for (let i = 0; i < 20; i += 1) statuses.push((await h.request("/v1/backtests", withKey(`${WRONG_KEY}-${i}`))).status);
    expect(statuses).toEqual(Array(20).fill(401));
    const refused = await h.request("/v1/backtests", withKey(WRONG_KEY, "192.0.2.10", { "X-Request-ID": "bf-21" }));
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("3");
    expect(rateHeaders(refused)).toEqual(["20", "0", "1800000060"]);
    expect(refused.headers.get("www-authenticate")).toBeNull();
    expect(await refused.json()).toEqual({ error: { code: "too_many_requests", message: "Too many requests", details: null }, request_id: "bf-21" });
    for (const [name, value] of Object.entries(FIXED_SECURITY_HEADERS)) expect(refused.headers.get(name)).toBe(value);
  });

  it("counts missing keys, shows the failure budget on 401s, and refills", async () => {
    const h = limitedApp({ GLOWBACK_AUTH_FAILURE_LIMIT: "2", GLOWBACK_RATE_WINDOW: "60" });
    const first = await h.request("/v1/backtests", { headers: { "X-Test-IP": "192.0.2.20" } });
    expect([first.status, ...rateHeaders(first)]).toEqual([401, "2", "1", "1800000030"]);
    expect(first.headers.get("www-authenticate")).toBe('Bearer realm="glowback"');
    const second = await h.request("/backtests", withKey(WRONG_KEY, "192.0.2.20"));
    expect([second.status, ...rateHeaders(second)]).toEqual([401, "2", "0", "1800000060"]);
    const third = await h.request("/backtests", withKey(WRONG_KEY, "192.0.2.20"));
    expect([third.status, third.headers.get("retry-after")]).toEqual([429, "30"]);
    expect(await third.json()).toEqual({ detail: "Too many requests" });
    h.clock.now += 30_000;
    expect((await h.request("/v1/backtests", withKey(WRONG_KEY, "192.0.2.20"))).status).toBe(401);
    expect((await h.request("/v1/backtests", withKey(WRONG_KEY, "192.0.2.20"))).status).toBe(429);
  });

  it("does not reveal a right key once empty: a valid key from that IP waits too; other IPs are unaffected", async () => {
    const h = limitedApp({ GLOWBACK_AUTH_FAILURE_LIMIT: "1" });
    expect((await h.request("/v1/backtests", withKey(WRONG_KEY, "192.0.2.30"))).status).toBe(401);
    const valid = await h.request("/v1/backtests", withKey(VALID_KEY, "192.0.2.30"));
    expect([valid.status, valid.headers.get("retry-after")]).toEqual([429, "60"]);
    // The refusal happened before the key was looked at: no auth line for it.
    expect(h.events("auth").filter((line) => line.client_ip === "192.0.2.30")).toHaveLength(1);
    expect((await h.request("/v1/backtests", withKey(VALID_KEY, "192.0.2.31"))).status).toBe(200);
    expect((await h.request("/v1/backtests", withKey(WRONG_KEY, "192.0.2.31"))).status).toBe(401);
  });

  it("successful requests do not draw from the failure bucket", async () => {
    const h = limitedApp({ GLOWBACK_AUTH_FAILURE_LIMIT: "1" });
    for (let i = 0; i < 5; i += 1) expect((await h.request("/v1/backtests", withKey(VALID_KEY))).status).toBe(200);
    const failed = await h.request("/v1/backtests", withKey(WRONG_KEY));
    expect([failed.status, ...rateHeaders(failed)]).toEqual([401, "1", "0", "1800000060"]);
  });

  it("WebSocket: failures close 1008 until the bucket is empty, then 1013", async () => {
    const h = limitedApp({ GLOWBACK_AUTH_FAILURE_LIMIT: "1" });
    const stream = "/v1/backtests/00000000-0000-4000-8000-000000000000/stream";
    await h.request(stream, { headers: upgradeHeaders({ Authorization: `Bearer ${WRONG_KEY}` }) });
    await h.request(stream, { headers: upgradeHeaders({ Authorization: `Bearer ${WRONG_KEY}` }) });
    expect(h.sockets.map((socket) => socket.closed)).toEqual([
      { code: 1008, reason: "Invalid or missing API key" },
      { code: 1013, reason: "Too many requests" },
    ]);
  });

  it("does not apply in development mode", async () => {
    const h = limitedApp({ GLOWBACK_API_KEY: "", GLOWBACK_AUTH_FAILURE_LIMIT: "1" });
    for (let i = 0; i < 3; i += 1) expect((await h.request("/v1/backtests", withKey(WRONG_KEY))).status).toBe(200);
  });
});
