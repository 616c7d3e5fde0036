/**
 * A Worker deployed with an invalid variable cannot refuse to start: every request gets a 500 in
 * the path's error shape, with a request id and the security headers (API spec §3, §4, §8), and
 * the reason is logged once without any key.
 */
import { createExecutionContext, env } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createWorkerHandler } from "../../../src/runtime/worker.ts";
import { SECURITY_HEADERS, securityHeadersOf } from "../../support/expected-headers.ts";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("a Worker with an invalid configuration", () => {
  it("answers 500 in the /v1 and legacy error shapes with X-Request-ID and the security headers", async () => {
    const logged: string[] = [];
    vi.spyOn(console, "error").mockImplementation((line: unknown) => void logged.push(String(line)));
    const handler = createWorkerHandler();
    const badEnv = { ...env, GLOWBACK_RATE_LIMIT: "lots" };
    const call = (path: string, headers: Record<string, string> = {}) =>
      handler.fetch(new Request(`https://glowback.example${path}`, { headers }), badEnv, createExecutionContext());

    const versioned = await call("/v1/backtests", { "X-Request-ID": "misconfigured-1", "X-API-Key": env.GLOWBACK_API_KEY });
    expect(versioned.status).toBe(500);
    expect(versioned.headers.get("x-request-id")).toBe("misconfigured-1");
    expect(versioned.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(securityHeadersOf((n) => versioned.headers.get(n))).toEqual(SECURITY_HEADERS);
    expect(await versioned.json()).toEqual({
      error: { code: "internal_error", message: "Service misconfigured", details: null }, request_id: "misconfigured-1",
    });

    const legacy = await call("/backtests");
    expect(legacy.status).toBe(500);
    expect(legacy.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(await legacy.json()).toEqual({ detail: "Service misconfigured" });

    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain("GLOWBACK_RATE_LIMIT");
    expect(logged[0]).not.toContain(env.GLOWBACK_API_KEY);
  });
});
