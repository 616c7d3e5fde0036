/** The Worker entry inside workerd: health, HTTP authentication, SSE to an unknown run, headers. */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { CHALLENGE_INVALID, CHALLENGE_MISSING, SECURITY_HEADERS, securityHeadersOf } from "../../support/expected-headers.ts";
import { fetchWorker } from "./worker-client.ts";

const UNKNOWN_RUN = "00000000-0000-4000-8000-000000000001";

describe("worker entry over HTTP", () => {
  it("reports runtime workerd on /healthz and /v1/healthz", async () => {
    for (const path of ["/healthz", "/v1/healthz"]) {
      const res = await fetchWorker(path);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: "healthy", version: "0.1.0", runtime: "workerd" });
      expect(securityHeadersOf((n) => res.headers.get(n))).toEqual(SECURITY_HEADERS);
    }
  });

  it("answers 401 with a Bearer challenge and the envelope when no key is sent", async () => {
    const res = await fetchWorker(`/v1/backtests/${UNKNOWN_RUN}`, { headers: { "X-Request-ID": "worker-401.a" } });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toBe(CHALLENGE_MISSING);
    expect(res.headers.get("x-request-id")).toBe("worker-401.a");
    expect(securityHeadersOf((n) => res.headers.get(n))).toEqual(SECURITY_HEADERS);
    expect(await res.json()).toEqual({
      error: { code: "unauthorized", message: "Invalid or missing API key", details: null },
      request_id: "worker-401.a",
    });
  });

  it("marks a wrong Bearer key as invalid_token", async () => {
    const res = await fetchWorker(`/v1/backtests/${UNKNOWN_RUN}`, { headers: { Authorization: "Bearer not-the-key" } });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toBe(CHALLENGE_INVALID);
  });

  it("does not accept ?api_key= outside the stream route", async () => {
    const res = await fetchWorker(`/v1/backtests/${UNKNOWN_RUN}?api_key=${encodeURIComponent(env.GLOWBACK_API_KEY)}`);
    expect(res.status).toBe(401);
    const body = (await res.json()) as { error: { message: string } };
    expect(body.error.message).toMatch(/^Invalid or missing API key: the api_key query parameter is accepted only on stream endpoints/);
  });

  it("answers SSE to an unknown run with the 404 envelope after asking the run's object", async () => {
    const res = await fetchWorker(`/v1/backtests/${UNKNOWN_RUN}/stream`, {
      headers: { Accept: "text/event-stream", "X-API-Key": env.GLOWBACK_API_KEY, "X-Request-ID": "worker-sse-404" },
    });
    expect(res.status).toBe(404);
    expect(securityHeadersOf((n) => res.headers.get(n))).toEqual(SECURITY_HEADERS);
    expect(await res.json()).toEqual({
      error: { code: "not_found", message: "Run not found", details: null },
      request_id: "worker-sse-404",
    });
  });

  it("uses the legacy body on the unversioned path", async () => {
    const res = await fetchWorker(`/backtests/${UNKNOWN_RUN}/stream`, {
      headers: { Accept: "text/event-stream", Authorization: `Bearer ${env.GLOWBACK_API_KEY}` },
    });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ detail: "Run not found" });
  });
});
