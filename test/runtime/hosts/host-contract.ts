/**
 * The black-box contract every host must meet, run against a real started server: HTTP auth,
 * security headers, request ids, audit lines on stdout, WebSocket close codes, health.
 * Each host's test file starts its server and calls `hostContract` inside a `describe`.
 */
import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { LOOPBACK_ADDRESSES, keyIdOf, waitForAuditLine } from "../../support/audit-lines.ts";
import { CHALLENGE_INVALID, CHALLENGE_MISSING, SECURITY_HEADERS, WS_AUTH_REASON, securityHeadersOf } from "../../support/expected-headers.ts";
import type { HostName } from "../../support/host-servers.ts";
import { probeWebSocket } from "../../support/ws-probe.ts";

/** A started server as the contract sees it. */
export interface HostTarget {
  baseUrl: string;
  /** stdout lines captured so far. */
  stdout(): readonly string[];
  /** stderr lines captured so far. */
  stderr(): readonly string[];
}

/** What the contract needs to know about the host under test. */
export interface HostContractOptions {
  runtime: HostName;
  /** The key the server was started with. */
  apiKey: string;
  /** Read lazily: the server starts in `beforeAll`. */
  target: () => HostTarget;
}

const RUN = "7d1c0c52-3f7e-4c43-9d0e-2b8f6a9b1c11";
const STREAM_V1 = `/v1/backtests/${RUN}/stream`;
const STREAM_LEGACY = `/backtests/${RUN}/stream`;
const SSE = { Accept: "text/event-stream" };
/** Wrong keys are unique strings so the suite can prove they never reach the output. */
const WRONG_HEADER_KEY = `wrong-header-${randomUUID()}`;
const WRONG_QUERY_KEY = `wrong-query-${randomUUID()}`;

const requestId = (label: string) => `${label}.${randomUUID().slice(0, 8)}`;

/** Registers the contract's tests for one host. */
export function hostContract(options: HostContractOptions): void {
  const { apiKey, runtime } = options;
  const url = (path: string) => `${options.target().baseUrl}${path}`;
  const get = (path: string, headers: Record<string, string> = {}, method = "GET") => fetch(url(path), { method, headers });
  const stdout = () => options.target().stdout();
  const bodyOf = async (res: Response) => (await res.json()) as Record<string, unknown>;

  it(`reports runtime "${runtime}" on /healthz and /v1/healthz`, async () => {
    for (const path of ["/healthz", "/v1/healthz"]) {
      const res = await get(path);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: "healthy", version: "0.1.0", runtime });
    }
  });

  it("answers 401 with a Bearer challenge and the envelope when no key is sent", async () => {
    const id = requestId("no-key");
    const res = await get(`/v1/backtests/${RUN}`, { "X-Request-ID": id });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toBe(CHALLENGE_MISSING);
    expect(await bodyOf(res)).toEqual({ error: { code: "unauthorized", message: WS_AUTH_REASON, details: null }, request_id: id });
  });

  it.each([
    ["a wrong Bearer key", { Authorization: `Bearer ${WRONG_HEADER_KEY}` }],
    ["a wrong X-API-Key", { "X-API-Key": WRONG_HEADER_KEY }],
    ["a wrong Bearer key beside a valid X-API-Key", { Authorization: `Bearer ${WRONG_HEADER_KEY}`, "X-API-Key": apiKey }],
  ])("answers 401 invalid_token for %s", async (_name, headers) => {
    const res = await get(STREAM_V1, { ...SSE, ...headers });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toBe(CHALLENGE_INVALID);
    expect((await bodyOf(res)).error).toEqual({ code: "unauthorized", message: WS_AUTH_REASON, details: null });
  });

  it.each([
    ["Bearer", STREAM_V1, { Authorization: `Bearer ${apiKey}` }],
    ["bearer in lower case with spaces", STREAM_V1, { Authorization: `  bearer   ${apiKey}  ` }],
    ["X-API-Key", STREAM_V1, { "X-API-Key": apiKey }],
    ["?api_key= on the stream route", `${STREAM_V1}?api_key=${encodeURIComponent(apiKey)}`, {}],
  ])("lets a valid key through: %s (SSE to an unknown run is 404)", async (_name, path, headers) => {
    const id = requestId("sse-404");
    const res = await get(path, { ...SSE, ...headers, "X-Request-ID": id });
    expect(res.status).toBe(404);
    expect(await bodyOf(res)).toEqual({ error: { code: "not_found", message: "Run not found", details: null }, request_id: id });
  });

  it("uses the legacy body on the unversioned stream path", async () => {
    const res = await get(STREAM_LEGACY, { ...SSE, "X-API-Key": apiKey });
    expect(res.status).toBe(404);
    expect(await bodyOf(res)).toEqual({ detail: "Run not found" });
  });

  it("rejects ?api_key= on a non-stream route with 401 and a message to use a header", async () => {
    const res = await get(`/v1/backtests/${RUN}?api_key=${encodeURIComponent(apiKey)}`);
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toBe(CHALLENGE_MISSING);
    const error = (await bodyOf(res)).error as { message: string };
    expect(error.message).toMatch(/^Invalid or missing API key: the api_key query parameter is accepted only on stream endpoints/);
  });

  it.each([
    [200, "/healthz", "GET", {}],
    [401, `/v1/backtests/${RUN}`, "GET", {}],
    [404, "/v1/no-such-route", "GET", { "X-API-Key": apiKey }],
    [405, "/v1/healthz", "DELETE", {}],
  ])("sets every security header on a %i", async (status, path, method, headers) => {
    const res = await get(path, headers, method);
    await res.arrayBuffer();
    expect(res.status).toBe(status);
    expect(securityHeadersOf((name) => res.headers.get(name))).toEqual(SECURITY_HEADERS);
    if (status === 405) expect(res.headers.get("allow")).toBe("GET, HEAD");
  });

  it("echoes a valid X-Request-ID and replaces an invalid one with a UUID", async () => {
    const echoed = await get("/healthz", { "X-Request-ID": "client-id_1:2.3-x" });
    expect(echoed.headers.get("x-request-id")).toBe("client-id_1:2.3-x");
    const replaced = await get("/healthz", { "X-Request-ID": "has spaces/and slashes" });
    expect(replaced.headers.get("x-request-id")).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it.each([
    ["no key", STREAM_V1, {}],
    ["no key on the legacy path", STREAM_LEGACY, {}],
    ["a wrong Bearer key", STREAM_V1, { Authorization: `Bearer ${WRONG_HEADER_KEY}` }],
    ["a wrong X-API-Key", STREAM_LEGACY, { "X-API-Key": WRONG_HEADER_KEY }],
    ["a wrong ?api_key=", `${STREAM_V1}?api_key=${WRONG_QUERY_KEY}`, {}],
    ["a wrong ?api_key= on the legacy path", `${STREAM_LEGACY}?api_key=${WRONG_QUERY_KEY}`, {}],
  ])("WebSocket with %s: 101, then close 1008 before any frame", async (_name, path, headers) => {
    const outcome = await probeWebSocket(url(path), headers);
    expect(outcome).toMatchObject({ status: 101, code: 1008, reason: WS_AUTH_REASON, messages: [] });
  });

  it.each([
    ["Bearer on /v1", STREAM_V1, { Authorization: `Bearer ${apiKey}` }],
    ["X-API-Key on the legacy path", STREAM_LEGACY, { "X-API-Key": apiKey }],
    ["?api_key= on /v1", `${STREAM_V1}?api_key=${encodeURIComponent(apiKey)}`, {}],
    ["?api_key= on the legacy path", `${STREAM_LEGACY}?api_key=${encodeURIComponent(apiKey)}`, {}],
  ])("WebSocket with a valid key (%s) to an unknown run: close 4404 Run not found", async (_name, path, headers) => {
    const outcome = await probeWebSocket(url(path), headers);
    expect(outcome).toMatchObject({ status: 101, code: 4404, reason: "Run not found", messages: [] });
  });

  it("WebSocket with an invalid last_event_id: close 1008 naming last_event_id", async () => {
    const outcome = await probeWebSocket(url(`${STREAM_V1}?last_event_id=abc`), { "X-API-Key": apiKey });
    expect(outcome.status).toBe(101);
    expect(outcome.code).toBe(1008);
    expect(outcome.reason).toMatch(/last_event_id/);
  });

  it("sets the security headers and the request id on the 101", async () => {
    const id = requestId("ws-headers");
    const outcome = await probeWebSocket(url(STREAM_V1), { "X-Request-ID": id });
    expect(outcome.status).toBe(101);
    expect(securityHeadersOf((name) => [outcome.headers[name]].flat()[0])).toEqual(SECURITY_HEADERS);
    expect(outcome.headers["x-request-id"]).toBe(id);
  });

  it("audits a denied WebSocket as auth/denied/websocket with the client address", async () => {
    const id = requestId("ws-denied");
    await probeWebSocket(url(`${STREAM_V1}?api_key=${WRONG_QUERY_KEY}`), { "X-Request-ID": id });
    const line = await waitForAuditLine(stdout, "auth", id);
    expect(line).toMatchObject({
      level: "warn",
      method: "GET",
      path: `${STREAM_V1}?api_key=[REDACTED]`,
      key_status: "present",
      outcome: "denied",
      transport: "websocket",
    });
    expect(line.key_id).toBeUndefined();
    expect(LOOPBACK_ADDRESSES).toContain(line.client_ip);
    expect(typeof line.ts).toBe("string");
  });

  it("audits an allowed request with its key_id, and writes a request line", async () => {
    const id = requestId("allowed");
    await (await get(STREAM_V1, { ...SSE, "X-API-Key": apiKey, "X-Request-ID": id })).arrayBuffer();
    const auth = await waitForAuditLine(stdout, "auth", id);
    expect(auth).toMatchObject({ level: "info", outcome: "allowed", key_id: keyIdOf(apiKey), key_status: "present", transport: "sse", path: STREAM_V1 });
    expect(LOOPBACK_ADDRESSES).toContain(auth.client_ip);
    const request = await waitForAuditLine(stdout, "request", id);
    expect(request).toMatchObject({ level: "info", method: "GET", path: STREAM_V1, status: 404 });
    expect(typeof request.duration_ms).toBe("number");
    expect(LOOPBACK_ADDRESSES).toContain(request.client_ip);
  });

  it("writes a request line with status 101 for an upgraded stream", async () => {
    const id = requestId("ws-request");
    await probeWebSocket(url(STREAM_V1), { "X-API-Key": apiKey, "X-Request-ID": id });
    const auth = await waitForAuditLine(stdout, "auth", id);
    expect(auth).toMatchObject({ outcome: "allowed", key_id: keyIdOf(apiKey), transport: "websocket" });
    const request = await waitForAuditLine(stdout, "request", id);
    expect(request).toMatchObject({ method: "GET", path: STREAM_V1, status: 101 });
  });

  // Runs last: every test above sent keys in headers and queries.
  it("never writes a key value, or a raw api_key value, to stdout or stderr", () => {
    const output = [...stdout(), ...options.target().stderr()].join("\n");
    expect(output.length).toBeGreaterThan(0);
    for (const secret of [apiKey, WRONG_HEADER_KEY, WRONG_QUERY_KEY, encodeURIComponent(apiKey)]) expect(output).not.toContain(secret);
    expect(output).not.toMatch(/api_key=(?!\[REDACTED\])/);
  });
}
