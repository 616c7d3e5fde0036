/** The audit log of API spec §6: one `auth` line per decision, one `request` line per request. */
import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/logging/logger.ts";
import { CONNECTION_IP, VALID_KEY, WRONG_KEY, expectedKeyId, makeApp, parseTextLine, upgradeHeaders } from "../app/helpers.ts";

const ISO_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const AUTH_FIELDS = ["client_ip", "event", "key_status", "level", "method", "outcome", "path", "request_id", "transport", "ts"];
const REQUEST_FIELDS = ["client_ip", "duration_ms", "event", "level", "method", "path", "request_id", "status", "ts"];

describe("auth lines", () => {
  it("allowed: exactly the spec's fields plus key_id, at info", async () => {
    const h = makeApp();
    await h.request("/v1/backtests/x/results", { headers: { Authorization: `Bearer ${VALID_KEY}`, "X-Request-ID": "a-1" } });
    const lines = h.events("auth");
    expect(lines).toHaveLength(1);
    expect(Object.keys(lines[0]).sort()).toEqual([...AUTH_FIELDS, "key_id"].sort());
    expect(lines[0]).toEqual({
      ts: expect.stringMatching(ISO_UTC),
      level: "info",
      event: "auth",
      request_id: "a-1",
      method: "GET",
      path: "/v1/backtests/x/results",
      client_ip: CONNECTION_IP,
      key_status: "present",
      outcome: "allowed",
      key_id: expectedKeyId(VALID_KEY),
      transport: "http",
    });
  });

  it.each([
    ["missing key", {}, "absent"],
    ["wrong key", { "X-API-Key": WRONG_KEY }, "present"],
  ])("denied (%s): exactly the spec's fields, at warn, no key_id", async (_name, headers, keyStatus) => {
    const h = makeApp();
    await h.request("/v1/backtests", { method: "POST", headers: { ...headers, "X-Request-ID": "d-1" } });
    const [line] = h.events("auth");
    expect(Object.keys(line).sort()).toEqual(AUTH_FIELDS);
    expect(line).toEqual({
      ts: expect.stringMatching(ISO_UTC),
      level: "warn",
      event: "auth",
      request_id: "d-1",
      method: "POST",
      path: "/v1/backtests",
      client_ip: CONNECTION_IP,
      key_status: keyStatus,
      outcome: "denied",
      transport: "http",
    });
  });

  it("one auth line per decision across transports, none for public routes", async () => {
    const h = makeApp();
    await h.request("/healthz");
    await h.request("/openapi.json");
    await h.request("/v1/backtests/x/results", { headers: { "X-API-Key": VALID_KEY } });
    await h.request("/v1/backtests/x/stream", { headers: { "X-API-Key": VALID_KEY, Accept: "text/event-stream" } });
    await h.request("/v1/backtests/x/stream", { headers: upgradeHeaders({ "X-API-Key": VALID_KEY }) });
    await h.request("/v1/backtests/x/stream", { headers: upgradeHeaders() });
    expect(h.events("auth").map((line) => [line.transport, line.outcome])).toEqual([
      ["http", "allowed"],
      ["sse", "allowed"],
      ["websocket", "allowed"],
      ["websocket", "denied"],
    ]);
    expect(h.events("request")).toHaveLength(6);
  });

  it("the auth line comes before the request line of the same request", async () => {
    const h = makeApp();
    await h.request("/v1/backtests/x/results", { headers: { "X-API-Key": VALID_KEY } });
    expect(h.records().map((line) => line.event)).toEqual(["auth", "request"]);
  });
});

describe("request lines", () => {
  it("one per request with exactly the spec's fields", async () => {
    const h = makeApp();
    const res = await h.request("/v1/backtests/x/results?state=running", { headers: { "X-API-Key": VALID_KEY } });
    const lines = h.events("request");
    expect(lines).toHaveLength(1);
    expect(Object.keys(lines[0]).sort()).toEqual(REQUEST_FIELDS);
    expect(lines[0]).toMatchObject({
      level: "info",
      request_id: res.headers.get("x-request-id"),
      method: "GET",
      path: "/v1/backtests/x/results?state=running",
      status: 404,
      client_ip: CONNECTION_IP,
    });
    expect(typeof lines[0].duration_ms).toBe("number");
    expect(lines[0].duration_ms as number).toBeGreaterThanOrEqual(0);
    expect(lines[0].ts).toMatch(ISO_UTC);
  });

  it.each([
    [200, "/healthz", {}],
    [401, "/v1/backtests", {}],
    [405, "/v1/healthz", { method: "DELETE" }],
  ] as const)("records status %i", async (status, path, init) => {
    const h = makeApp();
    await h.request(path, init);
    expect(h.events("request")[0].status).toBe(status);
  });

  it("a WebSocket upgrade is logged as 101", async () => {
    const h = makeApp();
    await h.request("/v1/backtests/x/stream", { headers: upgradeHeaders({ "X-API-Key": VALID_KEY }) });
    expect(h.events("request")[0].status).toBe(101);
  });
});

describe("client_ip", () => {
  const xff = { "X-Forwarded-For": "198.51.100.9, 10.0.0.1", "X-API-Key": VALID_KEY };

  it("comes from the injected resolver; X-Forwarded-For is ignored by default", async () => {
    const h = makeApp();
    await h.request("/v1/backtests/x/results", { headers: xff });
    expect(h.events("auth")[0].client_ip).toBe(CONNECTION_IP);
    expect(h.events("request")[0].client_ip).toBe(CONNECTION_IP);
  });

  it("is the right-most X-Forwarded-For entry with GLOWBACK_TRUST_PROXY=true: the address the proxy saw, not one the client wrote", async () => {
    const h = makeApp({ GLOWBACK_API_KEY: VALID_KEY, GLOWBACK_TRUST_PROXY: "true" });
    // The client sent `X-Forwarded-For: 198.51.100.9`; the proxy appended the address it saw.
    await h.request("/v1/backtests/x/results", { headers: xff });
    expect(h.events("auth")[0].client_ip).toBe("10.0.0.1");
    expect(h.events("request")[0].client_ip).toBe("10.0.0.1");
  });

  it("behind N trusted proxies is the N-th entry from the right, or the left-most when there are fewer", async () => {
    const h = makeApp({ GLOWBACK_API_KEY: VALID_KEY, GLOWBACK_TRUST_PROXY: "2" });
    const chain = "203.0.113.66, 198.51.100.9, 10.0.0.1";
    await h.request("/v1/backtests/x/results", { headers: { "X-API-Key": VALID_KEY, "X-Forwarded-For": chain } });
    await h.request("/v1/backtests/x/results", { headers: { "X-API-Key": VALID_KEY, "X-Forwarded-For": "198.51.100.7" } });
    expect(h.events("request").map((line) => line.client_ip)).toEqual(["198.51.100.9", "198.51.100.7"]);
  });

  it("falls back to the resolver when trusted but the header is absent or empty", async () => {
    const h = makeApp({ GLOWBACK_API_KEY: VALID_KEY, GLOWBACK_TRUST_PROXY: "1" });
    await h.request("/v1/backtests/x/results", { headers: { "X-API-Key": VALID_KEY } });
    await h.request("/v1/backtests/x/results", { headers: { "X-API-Key": VALID_KEY, "X-Forwarded-For": "10.0.0.1, " } });
    expect(h.events("request").map((line) => line.client_ip)).toEqual([CONNECTION_IP, CONNECTION_IP]);
  });

  it("is null when the host does not know it", async () => {
    const h = makeApp(undefined, { connectionIp: () => null });
    await h.request("/v1/backtests/x/results");
    expect(h.events("auth")[0].client_ip).toBeNull();
    expect(h.events("request")[0].client_ip).toBeNull();
  });
});

describe("GLOWBACK_LOG_FORMAT=text", () => {
  it("writes key=value lines with the same fields", async () => {
    const h = makeApp({ GLOWBACK_API_KEY: VALID_KEY, GLOWBACK_LOG_FORMAT: "text" });
    await h.request("/v1/backtests/x/results", { headers: { "X-API-Key": VALID_KEY, "X-Request-ID": "t-1" } });
    expect(h.lines).toHaveLength(2);
    for (const line of h.lines) {
      expect(line.startsWith("ts=")).toBe(true);
      expect(line).not.toContain("{");
    }
    const auth = parseTextLine(h.lines[0]);
    expect(auth).toEqual({
      ts: expect.stringMatching(ISO_UTC),
      level: "info",
      event: "auth",
      request_id: "t-1",
      method: "GET",
      path: "/v1/backtests/x/results",
      client_ip: CONNECTION_IP,
      key_status: "present",
      outcome: "allowed",
      key_id: expectedKeyId(VALID_KEY),
      transport: "http",
    });
    expect(h.lines[0]).toContain(" event=auth ");
    expect(h.lines[0]).toContain(" outcome=allowed ");
    expect(parseTextLine(h.lines[1])).toMatchObject({ event: "request", status: "404", request_id: "t-1" });
  });

  it("quotes values with spaces so a line stays one record per key", () => {
    const lines: string[] = [];
    const logger = createLogger({ format: "text", level: "debug", sink: (l) => lines.push(l), now: () => new Date(0) });
    logger.info({ message: "two words", fake: "x level=error", empty: "", nothing: null, skipped: undefined });
    expect(lines).toEqual([
      'ts=1970-01-01T00:00:00.000Z level=info message="two words" fake="x level=error" empty="" nothing=null',
    ]);
    expect(parseTextLine(lines[0])).toEqual({
      ts: "1970-01-01T00:00:00.000Z", level: "info", message: "two words", fake: "x level=error", empty: "", nothing: "null",
    });
  });

  it("a newline in a value cannot forge a second line", () => {
    const lines: string[] = [];
    const logger = createLogger({ format: "text", level: "info", sink: (l) => lines.push(l) });
    logger.info({ path: "/a\nlevel=error event=auth" });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain("\n");
  });
});

describe("GLOWBACK_LOG_LEVEL", () => {
  it("warn drops info lines but keeps denials", async () => {
    const h = makeApp({ GLOWBACK_API_KEY: VALID_KEY, GLOWBACK_LOG_LEVEL: "warn" });
    await h.request("/v1/backtests/x/results", { headers: { "X-API-Key": VALID_KEY } });
    await h.request("/healthz");
    expect(h.lines).toEqual([]);
    await h.request("/v1/backtests/x/results", { headers: { "X-API-Key": WRONG_KEY } });
    expect(h.records().map((line) => [line.event, line.level, line.outcome])).toEqual([["auth", "warn", "denied"]]);
  });

  it("error drops warnings too, but keeps errors", async () => {
    const h = makeApp({ GLOWBACK_API_KEY: VALID_KEY, GLOWBACK_LOG_LEVEL: "error" });
    await h.request("/v1/backtests/x/results");
    expect(h.lines).toEqual([]);
  });

  it("warn keeps the development-mode warning", () => {
    const h = makeApp({ GLOWBACK_LOG_LEVEL: "warn" });
    expect(h.records()).toEqual([expect.objectContaining({ level: "warn", event: "startup" })]);
  });

  it("error hides the development-mode warning", () => {
    expect(makeApp({ GLOWBACK_LOG_LEVEL: "error" }).lines).toEqual([]);
  });
});
