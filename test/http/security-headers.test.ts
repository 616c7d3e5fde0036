/** Security headers of API spec §3 on every status, and the CSP of API responses versus the docs page. */
import { describe, expect, it } from "vitest";
import { API_CSP_VALUE, failingStore, FIXED_SECURITY_HEADERS, UUID_PATTERN, VALID_KEY, makeApp, upgradeHeaders } from "../app/helpers.ts";

const throwingStore = failingStore(new Error("database exploded"));

const auth = { "X-API-Key": VALID_KEY };

const CASES: [number, string, () => Promise<Response>][] = [
  [200, "GET /v1/healthz", () => makeApp().request("/v1/healthz")],
  [401, "GET without key", () => makeApp().request("/v1/backtests/x/results")],
  [404, "GET unknown route", () => makeApp().request("/v1/nothing-here", { headers: auth })],
  [405, "DELETE /v1/healthz", () => makeApp().request("/v1/healthz", { method: "DELETE" })],
  [413, "POST over the limit", () =>
    makeApp({ GLOWBACK_API_KEY: VALID_KEY, GLOWBACK_MAX_BODY_BYTES: "10" }).request("/v1/backtests", {
      method: "POST", headers: { ...auth, "Content-Type": "application/json" }, body: JSON.stringify({ padding: "x".repeat(20) }),
    })],
  [415, "POST text/plain", () =>
    makeApp().request("/v1/backtests", { method: "POST", headers: { ...auth, "Content-Type": "text/plain" }, body: "hello" })],
  [422, "POST malformed JSON", () =>
    makeApp().request("/v1/backtests", { method: "POST", headers: { ...auth, "Content-Type": "application/json" }, body: "{bad" })],
  [500, "store throws", () =>
    makeApp(undefined, { store: throwingStore }).request("/v1/backtests/x/stream", { headers: { ...auth, Accept: "text/event-stream" } })],
  [200, "WebSocket upgrade (fake host answers 200 for 101)", () =>
    makeApp().request("/v1/backtests/x/stream", { headers: upgradeHeaders() })],
];

describe("every response carries the security headers", () => {
  it.each(CASES)("%i: %s", async (status, _name, send) => {
    const res = await send();
    expect(res.status).toBe(status);
    for (const [name, value] of Object.entries(FIXED_SECURITY_HEADERS)) expect(res.headers.get(name), name).toBe(value);
    expect(res.headers.get("content-security-policy")).toBe(API_CSP_VALUE);
    expect(res.headers.get("x-request-id")).toMatch(UUID_PATTERN);
  });

  it("legacy paths too", async () => {
    const res = await makeApp().request("/backtests/x/results");
    expect(res.status).toBe(401);
    for (const [name, value] of Object.entries(FIXED_SECURITY_HEADERS)) expect(res.headers.get(name), name).toBe(value);
    expect(res.headers.get("content-security-policy")).toBe(API_CSP_VALUE);
  });

  it("the OpenAPI document gets the API CSP", async () => {
    const res = await makeApp().request("/openapi.json");
    expect(res.headers.get("content-security-policy")).toBe(API_CSP_VALUE);
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("the same stream request over a working store is a 404, so the 500 comes from the store", async () => {
    const res = await makeApp().request("/v1/backtests/x/stream", {
      headers: { ...auth, Accept: "text/event-stream" },
    });
    expect(res.status).toBe(404);
  });
});

describe("docs CSP", () => {
  const directives = (csp: string) =>
    new Map(csp.split(";").map((part) => part.trim()).filter(Boolean).map((part) => {
      const [name, ...values] = part.split(/\s+/);
      return [name, values] as const;
    }));

  it.each([
    ["/docs", "text/html; charset=utf-8"],
    ["/docs/init.js", "text/javascript; charset=utf-8"],
    ["/docs/swagger-ui-bundle.js", "text/javascript; charset=utf-8"],
    ["/docs/swagger-ui.css", "text/css; charset=utf-8"],
  ])("%s gets the narrow docs policy and the fixed headers", async (path, contentType) => {
    const res = await makeApp().request(path);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe(contentType);
    for (const [name, value] of Object.entries(FIXED_SECURITY_HEADERS)) expect(res.headers.get(name), name).toBe(value);
    const csp = res.headers.get("content-security-policy")!;
    expect(csp).not.toBe(API_CSP_VALUE);
    const policy = directives(csp);
    expect(policy.get("default-src")).toEqual(["'none'"]);
    expect(policy.get("script-src")).toEqual(["'self'"]);
    expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp).toContain("script-src 'self'");
    for (const values of policy.values()) {
      expect(values).not.toContain("*");
      expect(values).not.toContain("'unsafe-eval'");
    }
    expect(policy.get("script-src")).not.toContain("'unsafe-inline'");
  });

  it("the docs page has no inline script and loads only same-origin assets", async () => {
    const html = await (await makeApp().request("/docs")).text();
    const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(body.trim()).toBe("");
      expect(attrs).toMatch(/src="\/docs\//);
    }
    expect(html).not.toMatch(/https?:\/\//);
  });
});
