import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../../../src/config.ts";
import { DEFAULT_ENV, FIXED_SECURITY_HEADERS, UUID_PATTERN, VALID_KEY, makeApp } from "../../app/helpers.ts";

const ORIGINS = "https://app.example.com, https://admin.example.com:8443/";
const EXPOSED = "X-Request-ID, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset, Retry-After, Location, Link, ETag";
const corsApp = (extra: Record<string, string> = {}) => makeApp({ ...DEFAULT_ENV, GLOWBACK_CORS_ORIGINS: ORIGINS, ...extra });
const preflight = (origin: string, path = "/v1/backtests") =>
  new Request(`http://localhost${path}`, {
    method: "OPTIONS",
    headers: { Origin: origin, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization, content-type" },
  });

describe("CORS (API spec §9)", () => {
  it("echoes an allowed origin with Vary and the exposed headers", async () => {
    const h = corsApp();
    const response = await h.request("/v1/backtests", { headers: { Origin: "https://app.example.com", Authorization: `Bearer ${VALID_KEY}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBe("https://app.example.com");
    expect(response.headers.get("vary")).toBe("Origin");
    expect(response.headers.get("access-control-expose-headers")).toBe(EXPOSED);
    expect(response.headers.get("access-control-allow-credentials")).toBeNull();
  });

  it("matches a configured origin given with a port and a trailing slash", async () => {
    const response = await corsApp().request("/v1/backtests", { headers: { Origin: "https://admin.example.com:8443" } });
    expect(response.status).toBe(401);
    expect(response.headers.get("access-control-allow-origin")).toBe("https://admin.example.com:8443");
    expect(response.headers.get("access-control-expose-headers")).toBe(EXPOSED);
  });

  it("gives other origins no CORS headers", async () => {
    const h = corsApp();
    for (const origin of ["https://evil.example.com", "http://app.example.com", "https://app.example.com.evil.net", "null"]) {
      const response = await h.request("/v1/backtests", { headers: { Origin: origin, Authorization: `Bearer ${VALID_KEY}` } });
      expect([origin, response.status, response.headers.get("access-control-allow-origin"), response.headers.get("access-control-expose-headers")]).toEqual([origin, 200, null, null]);
    }
  });

  it("answers a preflight with 204 without a key and without touching the rate limit", async () => {
    const h = corsApp({ GLOWBACK_RATE_LIMIT: "1", GLOWBACK_AUTH_FAILURE_LIMIT: "1" });
    for (let i = 0; i < 3; i += 1) {
      const response = await h.app.request(preflight("https://app.example.com"));
      expect(response.status).toBe(204);
      expect(Object.fromEntries(["access-control-allow-origin", "access-control-allow-methods", "access-control-allow-headers", "access-control-max-age", "vary"].map((n) => [n, response.headers.get(n)]))).toEqual({
        "access-control-allow-origin": "https://app.example.com",
        "access-control-allow-methods": "GET, HEAD, POST, PUT, PATCH, DELETE",
        "access-control-allow-headers": "Authorization, X-API-Key, X-Request-ID, Content-Type",
        "access-control-max-age": "600",
        vary: "Origin",
      });
      expect(response.headers.get("www-authenticate")).toBeNull();
      expect(response.headers.get("x-ratelimit-limit")).toBeNull();
      expect(response.headers.get("x-request-id")).toMatch(UUID_PATTERN);
      for (const [name, value] of Object.entries(FIXED_SECURITY_HEADERS)) expect(response.headers.get(name)).toBe(value);
      expect(await response.text()).toBe("");
    }
    expect(h.events("auth")).toHaveLength(0);
    const request = await h.request("/v1/backtests", { headers: { Authorization: `Bearer ${VALID_KEY}` } });
    expect([request.status, request.headers.get("x-ratelimit-remaining")]).toEqual([200, "0"]);
  });

  it("answers a preflight from another origin with 204 and no CORS headers", async () => {
    const response = await corsApp().app.request(preflight("https://evil.example.com", "/backtests"));
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
    expect(response.headers.get("access-control-allow-methods")).toBeNull();
  });

  it("adds CORS headers to error responses (401, 404, 429) for an allowed origin", async () => {
    const h = corsApp({ GLOWBACK_RATE_LIMIT: "1" });
    const origin = { Origin: "https://app.example.com" };
    const unauthorized = await h.request("/v1/backtests", { headers: origin });
    expect([unauthorized.status, unauthorized.headers.get("access-control-allow-origin")]).toEqual([401, "https://app.example.com"]);
    await h.request("/v1/backtests", { headers: { ...origin, Authorization: `Bearer ${VALID_KEY}` } });
    const limited = await h.request("/v1/backtests", { headers: { ...origin, Authorization: `Bearer ${VALID_KEY}` } });
    expect([limited.status, limited.headers.get("access-control-allow-origin"), limited.headers.get("retry-after")]).toEqual([429, "https://app.example.com", "60"]);
  });

  it("without GLOWBACK_CORS_ORIGINS: no CORS headers, and OPTIONS is authenticated as before", async () => {
    const h = makeApp();
    const response = await h.app.request(preflight("https://app.example.com"));
    expect(response.status).toBe(401);
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
    const plain = await h.request("/v1/backtests", { headers: { Origin: "https://app.example.com", Authorization: `Bearer ${VALID_KEY}` } });
    expect([plain.status, plain.headers.get("access-control-allow-origin"), plain.headers.get("vary")]).toEqual([200, null, null]);
  });

  it("allows any origin with *", async () => {
    const response = await makeApp({ ...DEFAULT_ENV, GLOWBACK_CORS_ORIGINS: "*" }).request("/healthz", { headers: { Origin: "https://x.example" } });
    expect(response.headers.get("access-control-allow-origin")).toBe("https://x.example");
  });
});

describe("rate-limit and CORS configuration", () => {
  it("parses the variables and their defaults", () => {
    expect(parseConfig({ GLOWBACK_RATE_LIMIT: "5", GLOWBACK_RATE_WINDOW: "10", GLOWBACK_AUTH_FAILURE_LIMIT: "3", GLOWBACK_CORS_ORIGINS: ORIGINS })).toMatchObject({
      rateLimit: 5,
      rateWindowSeconds: 10,
      authFailureLimit: 3,
      corsOrigins: ["https://app.example.com", "https://admin.example.com:8443"],
    });
    expect(parseConfig({ GLOWBACK_CORS_ORIGINS: " , " }).corsOrigins).toEqual([]);
  });

  it.each([
    ["GLOWBACK_RATE_LIMIT", "0"],
    ["GLOWBACK_RATE_WINDOW", "-1"],
    ["GLOWBACK_AUTH_FAILURE_LIMIT", "many"],
    ["GLOWBACK_CORS_ORIGINS", "app.example.com"],
    ["GLOWBACK_CORS_ORIGINS", "https://app.example.com/path"],
  ])("rejects %s=%s naming the variable", (name, value) => {
    expect(() => parseConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => parseConfig({ [name]: value })).toThrow(new RegExp(`${name}: `));
  });
});
