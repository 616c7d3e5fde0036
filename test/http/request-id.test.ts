/** `X-Request-ID` (API spec §3): echo a valid client id, otherwise generate a UUID; the same id everywhere. */
import { describe, expect, it } from "vitest";
import { UUID_PATTERN, VALID_KEY, makeApp } from "../app/helpers.ts";

const VALID_IDS: [string, string][] = [
  ["1 character", "a"],
  ["128 characters", "r".repeat(128)],
  ["all allowed punctuation", "req._:-id"],
  ["only punctuation", "._:-"],
  ["letters, digits, mixed case", "AbC123xyz"],
  ["a UUID", "3f0c2c4e-5d1e-4b8a-9a57-0c1f5f6f9f10"],
];

const INVALID_IDS: [string, string][] = [
  ["129 characters", "r".repeat(129)],
  ["inner space", "bad id"],
  ["slash", "bad/id"],
  ["unicode", "caf\u00e9"],
  ["empty", ""],
  ["comma", "a,b"],
  ["quote", 'a"b'],
  ["plus", "a+b"],
];

describe("valid client ids are echoed", () => {
  it.each(VALID_IDS)("%s", async (_name, id) => {
    const h = makeApp();
    const ok = await h.request("/healthz", { headers: { "X-Request-ID": id } });
    expect(ok.headers.get("x-request-id")).toBe(id);
    const denied = await h.request("/v1/backtests/x/results", { headers: { "X-Request-ID": id } });
    expect(denied.headers.get("x-request-id")).toBe(id);
    expect((await denied.json()).request_id).toBe(id);
    expect(h.events("request").map((line) => line.request_id)).toEqual([id, id]);
    expect(h.events("auth").map((line) => line.request_id)).toEqual([id]);
  });
});

describe("invalid client ids are replaced by a new UUID", () => {
  it.each(INVALID_IDS)("%s", async (_name, id) => {
    const h = makeApp();
    const res = await h.request("/v1/backtests/x/results", { headers: { "X-Request-ID": id, "X-API-Key": "nope" } });
    const header = res.headers.get("x-request-id")!;
    expect(header).toMatch(UUID_PATTERN);
    expect(header).not.toBe(id);
    expect((await res.json()).request_id).toBe(header);
    expect(h.events("auth")[0].request_id).toBe(header);
    expect(h.events("request")[0].request_id).toBe(header);
  });
});

describe("generated ids", () => {
  it("differ between requests without a client id", async () => {
    const h = makeApp();
    const ids = new Set<string>();
    for (let i = 0; i < 20; i++) ids.add((await h.request("/healthz")).headers.get("x-request-id")!);
    expect(ids.size).toBe(20);
    for (const id of ids) expect(id).toMatch(UUID_PATTERN);
  });

  it("the legacy error body has no request_id but the header is set", async () => {
    const h = makeApp();
    const res = await h.request("/backtests/x/results", { headers: { "X-API-Key": VALID_KEY } });
    expect(res.status).toBe(404);
    expect(res.headers.get("x-request-id")).toMatch(UUID_PATTERN);
    expect(await res.json()).toEqual({ detail: "Run not found" });
  });
});
