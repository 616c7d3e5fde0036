import { describe, expect, it } from "vitest";
import {
  CONNECTION_IP, SECOND_KEY, UUID_PATTERN, VALID_KEY, WRONG_KEY, expectedKeyId, makeApp, sha256Hex,
} from "../app/helpers.ts";

const PROTECTED = "/v1/backtests/x/results";

describe("configured keys (API spec §2)", () => {
  it("accepts each entry of a list with spaces and empty entries, and nothing else", async () => {
    const h = makeApp({ GLOWBACK_API_KEY: " a , ,b " });
    expect((await h.request(PROTECTED, { headers: { "X-API-Key": "a" } })).status).toBe(404);
    expect((await h.request(PROTECTED, { headers: { "X-API-Key": "b" } })).status).toBe(404);
    for (const bad of [" a , ,b ", "a , ,b", "a,b", "", " ", ","]) {
      const res = await h.request(PROTECTED, { headers: { "X-API-Key": bad } });
      expect(res.status, JSON.stringify(bad)).toBe(401);
    }
  });

  it.each([
    ["lower-case", (hex: string) => hex],
    ["upper-case", (hex: string) => hex.toUpperCase()],
  ])("accepts the key whose SHA-256 is configured as a %s sha256: entry", async (_name, shape) => {
    const key = "digest-only-key-42";
    const h = makeApp({ GLOWBACK_API_KEY: `sha256:${shape(sha256Hex(key))}` });
    const ok = await h.request(PROTECTED, { headers: { Authorization: `Bearer ${key}` } });
    expect(ok.status).toBe(404);
    const auth = h.events("auth").at(-1)!;
    expect(auth.outcome).toBe("allowed");
    expect(auth.key_id).toBe(expectedKeyId(key));
    // The digest itself is not a key.
    const digestAsKey = await h.request(PROTECTED, { headers: { Authorization: `Bearer ${sha256Hex(key)}` } });
    expect(digestAsKey.status).toBe(401);
    const prefixed = await h.request(PROTECTED, { headers: { Authorization: `Bearer sha256:${sha256Hex(key)}` } });
    expect(prefixed.status).toBe(401);
  });

  it("mixes plain and digest entries", async () => {
    const h = makeApp({ GLOWBACK_API_KEY: `plain-one, sha256:${sha256Hex("hashed-two")}` });
    expect((await h.request(PROTECTED, { headers: { "X-API-Key": "plain-one" } })).status).toBe(404);
    expect((await h.request(PROTECTED, { headers: { "X-API-Key": "hashed-two" } })).status).toBe(404);
    expect(h.events("auth").map((line) => line.key_id)).toEqual([expectedKeyId("plain-one"), expectedKeyId("hashed-two")]);
  });

  it("reports key_id as the first 12 hex characters of SHA-256(key) of the matching key", async () => {
    const h = makeApp();
    await h.request(PROTECTED, { headers: { Authorization: `Bearer ${VALID_KEY}` } });
    await h.request(PROTECTED, { headers: { Authorization: `Bearer ${SECOND_KEY}` } });
    const ids = h.events("auth").map((line) => line.key_id);
    expect(ids).toEqual([expectedKeyId(VALID_KEY), expectedKeyId(SECOND_KEY)]);
    expect(ids[0]).toMatch(/^[0-9a-f]{12}$/);
    expect(ids[0]).not.toBe(ids[1]);
  });
});

describe("401 responses", () => {
  it("missing key: envelope, plain challenge", async () => {
    const h = makeApp();
    const res = await h.request(PROTECTED);
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toBe('Bearer realm="glowback"');
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const requestId = res.headers.get("x-request-id");
    expect(requestId).toMatch(UUID_PATTERN);
    expect(await res.json()).toEqual({
      error: { code: "unauthorized", message: "Invalid or missing API key", details: null },
      request_id: requestId,
    });
  });

  it("wrong key: invalid_token challenge; the key is not echoed", async () => {
    const h = makeApp();
    const res = await h.request(PROTECTED, { headers: { Authorization: `Bearer ${WRONG_KEY}` } });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toBe('Bearer realm="glowback", error="invalid_token"');
    const text = await res.text();
    expect(text).not.toContain(WRONG_KEY);
    expect(JSON.parse(text).error).toEqual({ code: "unauthorized", message: "Invalid or missing API key", details: null });
    for (const [name, value] of res.headers) expect(`${name}: ${value}`).not.toContain(WRONG_KEY);
  });

  it("legacy path: {detail} body with the same headers", async () => {
    const h = makeApp();
    const res = await h.request("/backtests/x/results", { headers: { "X-API-Key": WRONG_KEY } });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toBe('Bearer realm="glowback", error="invalid_token"');
    expect(await res.json()).toEqual({ detail: "Invalid or missing API key" });
  });
});

describe("public routes need no key", () => {
  it.each(["/healthz", "/v1/healthz", "/openapi.json", "/docs", "/docs/init.js", "/docs/swagger-ui.css"])("%s", async (path) => {
    const h = makeApp();
    const res = await h.request(path);
    expect(res.status).toBe(200);
    expect(h.events("auth")).toEqual([]);
  });

  it("a wrong key on a public route is ignored", async () => {
    const h = makeApp();
    const res = await h.request("/healthz", { headers: { Authorization: `Bearer ${WRONG_KEY}` } });
    expect(res.status).toBe(200);
  });
});

describe("development mode (no key configured)", () => {
  it("logs the warning exactly once, at creation", async () => {
    const h = makeApp({});
    const startup = () => h.records().filter((line) => String(line.message ?? "").includes("authentication disabled"));
    expect(startup()).toHaveLength(1);
    expect(startup()[0].level).toBe("warn");
    expect(h.lines).toHaveLength(1);
    for (let i = 0; i < 3; i++) await h.request(PROTECTED);
    expect(startup()).toHaveLength(1);
  });

  it("also when GLOWBACK_API_KEY holds only separators", () => {
    const h = makeApp({ GLOWBACK_API_KEY: " , , " });
    expect(h.records().filter((line) => String(line.message).includes("authentication disabled"))).toHaveLength(1);
  });

  it("allows every request and audits it as disabled", async () => {
    const h = makeApp({});
    const res = await h.request(PROTECTED, { headers: { "X-Request-ID": "dev-1" } });
    expect(res.status).toBe(404);
    const anyKey = await h.request(PROTECTED, { headers: { Authorization: "Bearer anything" } });
    expect(anyKey.status).toBe(404);
    const audit = h.events("auth");
    expect(audit).toHaveLength(2);
    expect(audit[0]).toEqual({
      ts: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      level: "info",
      event: "auth",
      request_id: "dev-1",
      method: "GET",
      path: PROTECTED,
      client_ip: CONNECTION_IP,
      key_status: "absent",
      outcome: "disabled",
      auth: "disabled",
      transport: "http",
    });
    expect(audit[1]).toMatchObject({ outcome: "disabled", auth: "disabled", key_status: "present" });
    expect(audit[1]).not.toHaveProperty("key_id");
  });

  it("serves streams without a key (SSE unknown run ⇒ 404)", async () => {
    const h = makeApp({});
    const res = await h.request("/v1/backtests/nope/stream", { headers: { Accept: "text/event-stream" } });
    expect(res.status).toBe(404);
    expect((await res.json()).error.message).toBe("Run not found");
    expect(h.events("auth")[0]).toMatchObject({ outcome: "disabled", transport: "sse" });
  });
});

describe("every API route requires a key", () => {
  const ROUTES: [string, string][] = [
    ["GET", "/backtests"],
    ["POST", "/backtests"],
    ["GET", "/backtests/r1"],
    ["GET", "/backtests/r1/results"],
    ["POST", "/backtests/r1/cancel"],
    ["GET", "/backtests/r1/events"],
    ["GET", "/backtests/r1/stream"],
    ["GET", "/optimizations"],
    ["GET", "/datasets"],
    ["DELETE", "/backtests/r1"],
    ["GET", "/unknown-route"],
  ];

  it.each(ROUTES.flatMap(([method, path]) => [[method, `/v1${path}`], [method, path]]))("%s %s ⇒ 401 without a key", async (method, path) => {
    const h = makeApp();
    const res = await h.request(path, { method, headers: { Accept: "text/event-stream" } });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toBe('Bearer realm="glowback"');
    expect(h.events("auth")).toMatchObject([{ outcome: "denied", method, path }]);
  });
});
