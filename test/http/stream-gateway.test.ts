/** Stream endpoint before the run domain: WebSocket closes through the fake upgrader, SSE errors (API spec §2, §5). */
import { describe, expect, it } from "vitest";
import { VALID_KEY, WRONG_KEY, expectedKeyId, makeApp, upgradeHeaders } from "../app/helpers.ts";

const STREAM = "/v1/backtests/run-1/stream";

describe("WebSocket authentication failure", () => {
  it.each([
    ["missing key", {}],
    ["wrong Bearer", { Authorization: `Bearer ${WRONG_KEY}` }],
    ["wrong X-API-Key", { "X-API-Key": WRONG_KEY }],
  ])("%s: upgrade completes, then close 1008 with no message sent", async (_name, extra) => {
    const h = makeApp();
    const res = await h.request(STREAM, { headers: upgradeHeaders(extra) });
    expect(res.status).toBe(200);
    expect(h.sockets).toEqual([{ sent: [], closed: { code: 1008, reason: "Invalid or missing API key" }, sentBeforeClose: 0 }]);
    const [audit] = h.events("auth");
    expect(audit).toMatchObject({ outcome: "denied", level: "warn", transport: "websocket", path: STREAM });
    const [request] = h.events("request");
    expect(request).toMatchObject({ status: 101, path: STREAM });
  });

  it("wrong ?api_key: close 1008, and the audit path is redacted", async () => {
    const h = makeApp();
    await h.request(`${STREAM}?api_key=${WRONG_KEY}`, { headers: upgradeHeaders() });
    expect(h.sockets[0].closed).toEqual({ code: 1008, reason: "Invalid or missing API key" });
    expect(h.events("auth")[0]).toMatchObject({ key_status: "present", path: `${STREAM}?api_key=[REDACTED]` });
    expect(h.lines.join("\n")).not.toContain(WRONG_KEY);
  });

  it("legacy stream path behaves the same", async () => {
    const h = makeApp();
    await h.request("/backtests/run-1/stream", { headers: upgradeHeaders() });
    expect(h.sockets[0].closed).toEqual({ code: 1008, reason: "Invalid or missing API key" });
  });

  it("the upgrade response still carries the security headers and the request id", async () => {
    const h = makeApp();
    const res = await h.request(STREAM, { headers: upgradeHeaders({ "X-Request-ID": "ws-req-1" }) });
    expect(res.headers.get("x-request-id")).toBe("ws-req-1");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(h.events("auth")[0].request_id).toBe("ws-req-1");
  });
});

describe("WebSocket with a valid key", () => {
  it("unknown run: close 4404 Run not found", async () => {
    const h = makeApp();
    const res = await h.request(`${STREAM}?api_key=${VALID_KEY}`, { headers: upgradeHeaders() });
    expect(res.status).toBe(200);
    expect(h.sockets).toEqual([{ sent: [], closed: { code: 4404, reason: "Run not found" }, sentBeforeClose: 0 }]);
    expect(h.events("auth")[0]).toMatchObject({ outcome: "allowed", key_id: expectedKeyId(VALID_KEY), transport: "websocket" });
  });

  it.each(["abc", "-1", "1.5", "1e3", "99999999999999999"])("last_event_id=%s: close 1008 naming last_event_id", async (value) => {
    const h = makeApp();
    await h.request(`${STREAM}?last_event_id=${encodeURIComponent(value)}`, { headers: upgradeHeaders({ "X-API-Key": VALID_KEY }) });
    expect(h.sockets).toHaveLength(1);
    expect(h.sockets[0].sent).toEqual([]);
    expect(h.sockets[0].closed?.code).toBe(1008);
    expect(h.sockets[0].closed?.reason).toContain("last_event_id");
  });

  it.each(["0", "7", "007"])("last_event_id=%s is valid (then 4404 for the unknown run)", async (value) => {
    const h = makeApp();
    await h.request(`${STREAM}?last_event_id=${value}`, { headers: upgradeHeaders({ "X-API-Key": VALID_KEY }) });
    expect(h.sockets[0].closed).toEqual({ code: 4404, reason: "Run not found" });
  });

  it("a bad key is reported before a bad last_event_id", async () => {
    const h = makeApp();
    await h.request(`${STREAM}?last_event_id=abc`, { headers: upgradeHeaders() });
    expect(h.sockets[0].closed).toEqual({ code: 1008, reason: "Invalid or missing API key" });
  });
});

describe("SSE", () => {
  const sse = (extra: Record<string, string> = {}) => ({ headers: { Accept: "text/event-stream", "X-API-Key": VALID_KEY, ...extra } });

  it("unknown run: 404 Run not found (envelope and legacy)", async () => {
    const h = makeApp();
    const res = await h.request(STREAM, sse({ "X-Request-ID": "sse-1" }));
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: "not_found", message: "Run not found", details: null }, request_id: "sse-1" });
    const legacy = await h.request("/backtests/run-1/stream", sse());
    expect(legacy.status).toBe(404);
    expect(await legacy.json()).toEqual({ detail: "Run not found" });
  });

  it("invalid last_event_id query ⇒ 422 at [query, last_event_id]", async () => {
    const h = makeApp();
    const res = await h.request(`${STREAM}?last_event_id=abc`, sse());
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.error.code).toBe("validation_error");
    expect(body.error.details).toHaveLength(1);
    expect(body.error.details[0].loc).toEqual(["query", "last_event_id"]);
    expect(body.error.details[0].msg).toContain("last_event_id");
    expect(typeof body.error.details[0].type).toBe("string");
  });

  it("invalid Last-Event-ID header ⇒ 422 at [header, Last-Event-ID]", async () => {
    const h = makeApp();
    const res = await h.request(STREAM, sse({ "Last-Event-ID": "x7" }));
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.error.details.map((d: { loc: unknown }) => d.loc)).toEqual([["header", "Last-Event-ID"]]);
  });

  it("legacy path: invalid Last-Event-ID ⇒ {detail:[entry]}", async () => {
    const h = makeApp();
    const res = await h.request("/backtests/run-1/stream", sse({ "Last-Event-ID": "-3" }));
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(Object.keys(body)).toEqual(["detail"]);
    expect(body.detail).toHaveLength(1);
    expect(body.detail[0].loc).toEqual(["header", "Last-Event-ID"]);
  });

  it("a valid Last-Event-ID passes validation (then 404 for the unknown run)", async () => {
    const h = makeApp();
    expect((await h.request(STREAM, sse({ "Last-Event-ID": "12" }))).status).toBe(404);
  });

  it("SSE authentication failure is a 401, not a close", async () => {
    const h = makeApp();
    const res = await h.request(STREAM, { headers: { Accept: "text/event-stream" } });
    expect(res.status).toBe(401);
    expect(h.sockets).toEqual([]);
    expect(h.events("auth")[0]).toMatchObject({ transport: "sse", outcome: "denied" });
  });
});
