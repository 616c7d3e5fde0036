import { describe, expect, it } from "vitest";
import { HeaderPlan, plannedHeaders } from "../../src/http/header-plan.ts";
import { pathAndQuery } from "../../src/http/middleware/request-context.ts";

describe("HeaderPlan", () => {
  it("respond() merges the plan into the response's own headers; later and replacing entries win", async () => {
    const plan = new HeaderPlan();
    plan.set("X-Request-ID", "first");
    plan.addAll(plannedHeaders([["X-Frame-Options", "DENY"]]));
    plan.setDefault("Content-Security-Policy", "default-src 'none'");
    plan.set("x-request-id", "second");
    const response = plan.respond('{"a":1}', 404, {
      "content-type": "application/json",
      "content-security-policy": "page's own",
      "x-frame-options": "SAMEORIGIN",
    });
    expect(response.status).toBe(404);
    expect(await response.text()).toBe('{"a":1}');
    expect(response.headers.get("x-request-id")).toBe("second");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("content-security-policy")).toBe("page's own");
    expect(response.headers.get("content-type")).toBe("application/json");
  });

  it("applyTo() adds only what a response built by respond() lacks, and everything to any other response", () => {
    const plan = new HeaderPlan();
    plan.set("X-Request-ID", "id");
    const built = plan.respond(null, 204, {});
    plan.set("X-RateLimit-Remaining", "9");
    plan.setDefault("Content-Security-Policy", "default-src 'none'");
    plan.applyTo(built);
    expect(built.headers.get("x-request-id")).toBe("id");
    expect(built.headers.get("x-ratelimit-remaining")).toBe("9");
    expect(built.headers.get("content-security-policy")).toBe("default-src 'none'");

    const other = new Response("page", { headers: { "Content-Security-Policy": "script-src 'self'" } });
    plan.applyTo(other);
    expect(other.headers.get("x-request-id")).toBe("id");
    expect(other.headers.get("x-ratelimit-remaining")).toBe("9");
    expect(other.headers.get("content-security-policy")).toBe("script-src 'self'");
  });
});

describe("pathAndQuery", () => {
  const urls = [
    "http://localhost:8080/v1/backtests/abc",
    "http://localhost:8080/v1/backtests?limit=5&api_key=secret",
    "https://example.com/",
    "http://localhost/p?",
    "http://localhost/a%20b?x=%27y%27",
    "http://localhost/x?q='quoted'",
    "http://localhost/x?q=1#fragment",
    "http://localhost/x#only-fragment",
    "http://localhost",
    "http://[::1]:3000/v1/healthz?verbose",
  ];
  for (const url of urls) {
    it(`equals URL's pathname + search for ${url}`, () => {
      const parsed = new URL(url);
      expect(pathAndQuery(url)).toBe(parsed.pathname + parsed.search);
    });
  }
});
