/** `apiErrorFrom` and `nextCursorOf`: both error shapes of API spec §4, and the `Link` header. */
import { describe, expect, it } from "vitest";
import { apiErrorFrom } from "../../src/client/api-error.ts";
import { nextCursorOf } from "../../src/client/link-header.ts";

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });

describe("apiErrorFrom", () => {
  it("reads the versioned envelope", async () => {
    const details = [{ loc: ["body", "symbols", 0], msg: "Unknown symbol", type: "value_error" }];
    const error = await apiErrorFrom(json(422, { error: { code: "validation_error", message: "Request validation failed", details }, request_id: "req-1" }, { "X-Request-ID": "req-1" }));
    expect([error.status, error.code, error.message, error.details, error.requestId]).toEqual([422, "validation_error", "Request validation failed", details, "req-1"]);
  });

  it("reads the legacy shapes, taking the code from the status", async () => {
    const notFound = await apiErrorFrom(json(404, { detail: "Run not found" }, { "X-Request-ID": "req-2" }));
    expect([notFound.status, notFound.code, notFound.message, notFound.details, notFound.requestId]).toEqual([404, "not_found", "Run not found", null, "req-2"]);
    const entries = [{ loc: ["query", "limit"], msg: "must be between 1 and 200", type: "value_error" }];
    const invalid = await apiErrorFrom(json(422, { detail: entries }));
    expect([invalid.code, invalid.message, invalid.details, invalid.requestId]).toEqual(["validation_error", "Request validation failed", entries, null]);
  });

  it("survives a body that is not JSON", async () => {
    const error = await apiErrorFrom(new Response("upstream exploded", { status: 502, statusText: "Bad Gateway" }));
    expect([error.status, error.code, error.message, error.details]).toEqual([502, "http_502", "Bad Gateway", null]);
  });
});

describe("nextCursorOf", () => {
  it("finds the cursor of rel=next", () => {
    expect(nextCursorOf('</v1/backtests?limit=1&cursor=abc%3D>; rel="next"')).toBe("abc=");
    expect(nextCursorOf('<https://x/v1/backtests?cursor=p>; rel="prev", <https://x/v1/backtests?cursor=n>; rel="next"')).toBe("n");
  });
  it("is null without a next link", () => {
    expect(nextCursorOf(null)).toBeNull();
    expect(nextCursorOf('</v1/backtests?cursor=p>; rel="prev"')).toBeNull();
  });
});
