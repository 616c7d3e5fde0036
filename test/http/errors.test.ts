/** Error bodies of API spec §4: the `/v1` envelope and the legacy `{detail}` shape, per status. */
import { describe, expect, it } from "vitest";
import { VALID_KEY, failingStore, makeApp } from "../app/helpers.ts";

const auth = { "X-API-Key": VALID_KEY };
const json = { ...auth, "Content-Type": "application/json" };

async function envelope(res: Response) {
  const body = await res.json();
  expect(Object.keys(body).sort()).toEqual(["error", "request_id"]);
  expect(Object.keys(body.error).sort()).toEqual(["code", "details", "message"]);
  expect(body.request_id).toBe(res.headers.get("x-request-id"));
  expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
  return body as { error: { code: string; message: string; details: unknown }; request_id: string };
}

async function legacy(res: Response) {
  const body = await res.json();
  expect(Object.keys(body)).toEqual(["detail"]);
  expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
  return body.detail as unknown;
}

describe("401", () => {
  it("envelope and legacy", async () => {
    const h = makeApp();
    const v1 = await h.request("/v1/backtests");
    expect(v1.status).toBe(401);
    expect((await envelope(v1)).error).toEqual({ code: "unauthorized", message: "Invalid or missing API key", details: null });
    const old = await h.request("/backtests");
    expect(old.status).toBe(401);
    expect(await legacy(old)).toBe("Invalid or missing API key");
  });
});

describe("404", () => {
  it("unknown route after auth", async () => {
    const h = makeApp();
    const v1 = await h.request("/v1/backtests/x/results", { headers: auth });
    expect(v1.status).toBe(404);
    expect((await envelope(v1)).error.code).toBe("not_found");
    const old = await h.request("/backtests/x/results", { headers: auth });
    expect(old.status).toBe(404);
    expect(typeof (await legacy(old))).toBe("string");
  });

  it("unknown public-looking path without a key is a 401, not a 404 (no route enumeration)", async () => {
    expect((await makeApp().request("/v1/nothing")).status).toBe(401);
  });
});

describe("405 with Allow", () => {
  it.each(["DELETE", "POST", "PUT", "PATCH"])("%s /v1/healthz ⇒ Allow: GET, HEAD", async (method) => {
    const res = await makeApp().request("/v1/healthz", { method });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET, HEAD");
    const body = await envelope(res);
    expect(body.error.code).toBe("method_not_allowed");
    expect(body.error.message).toContain(method);
  });

  it("legacy DELETE /healthz ⇒ {detail}", async () => {
    const res = await makeApp().request("/healthz", { method: "DELETE" });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET, HEAD");
    expect(await legacy(res)).toBe("Method DELETE not allowed");
  });

  it("POST on the stream route (after auth) ⇒ 405 Allow: GET, HEAD", async () => {
    const h = makeApp();
    for (const path of ["/v1/backtests/r/stream", "/backtests/r/stream"]) {
      const res = await h.request(path, { method: "POST", headers: auth });
      expect(res.status).toBe(405);
      expect(res.headers.get("allow")).toBe("GET, HEAD");
    }
  });

  it("HEAD /v1/healthz is allowed", async () => {
    const res = await makeApp().request("/v1/healthz", { method: "HEAD" });
    expect(res.status).toBe(200);
  });
});

describe("413 / 415 / 422", () => {
  it("413 envelope names the limit; legacy gives the message", async () => {
    const h = makeApp({ GLOWBACK_API_KEY: VALID_KEY, GLOWBACK_MAX_BODY_BYTES: "8" });
    const v1 = await h.request("/v1/backtests", { method: "POST", headers: json, body: '{"a":"123456"}' });
    expect(v1.status).toBe(413);
    expect((await envelope(v1)).error).toEqual({
      code: "request_too_large",
      message: "Request body exceeds the limit of 8 bytes",
      details: { max_bytes: 8 },
    });
    const old = await h.request("/backtests", { method: "POST", headers: json, body: '{"a":"123456"}' });
    expect(old.status).toBe(413);
    expect(await legacy(old)).toBe("Request body exceeds the limit of 8 bytes");
  });

  it("415 for non-JSON bodies", async () => {
    const h = makeApp();
    const v1 = await h.request("/v1/backtests", { method: "POST", headers: { ...auth, "Content-Type": "text/plain" }, body: "{}" });
    expect(v1.status).toBe(415);
    expect((await envelope(v1)).error).toEqual({
      code: "unsupported_media_type",
      message: "Request body must be application/json",
      details: { content_type: "text/plain" },
    });
    const old = await h.request("/backtests", { method: "POST", headers: { ...auth, "Content-Type": "text/plain" }, body: "{}" });
    expect(old.status).toBe(415);
    expect(await legacy(old)).toBe("Request body must be application/json");
  });

  it("422 malformed JSON: details list of {loc,msg,type}; legacy detail is the same list", async () => {
    const h = makeApp();
    const v1 = await h.request("/v1/backtests", { method: "POST", headers: json, body: '{"symbols": [' });
    expect(v1.status).toBe(422);
    const body = await envelope(v1);
    expect(body.error.code).toBe("validation_error");
    const details = body.error.details as { loc: unknown; msg: string; type: string }[];
    expect(details).toHaveLength(1);
    expect(Object.keys(details[0]).sort()).toEqual(["loc", "msg", "type"]);
    expect(details[0].loc).toEqual(["body"]);
    expect(details[0].type).toBe("json_invalid");
    expect(details[0].msg).toMatch(/^Malformed JSON/);
    const old = await h.request("/backtests", { method: "POST", headers: json, body: '{"symbols": [' });
    expect(old.status).toBe(422);
    expect(await legacy(old)).toEqual(details);
  });
});

describe("500", () => {
  const failing = failingStore(new TypeError("secret internals: connection string postgres://u:p@db"));

  it("generic envelope, no message or stack; the error is logged with the request id", async () => {
    const h = makeApp(undefined, { store: failing });
    const res = await h.request("/v1/backtests/x/stream", { headers: { ...auth, Accept: "text/event-stream", "X-Request-ID": "boom-1" } });
    expect(res.status).toBe(500);
    const text = await res.clone().text();
    expect(text).not.toContain("secret internals");
    expect(text).not.toContain("TypeError");
    expect(text).not.toMatch(/\bat .*\.ts:\d+/);
    const body = await envelope(res);
    expect(body).toEqual({ error: { code: "internal_error", message: "Internal server error", details: null }, request_id: "boom-1" });
    const [logged] = h.events("error");
    expect(logged).toMatchObject({ level: "error", request_id: "boom-1" });
    expect(logged.error).toBe("TypeError: secret internals: connection string postgres://u:p@db");
    expect(String(logged.stack)).toContain("TypeError");
    expect(h.events("request")[0]).toMatchObject({ request_id: "boom-1", status: 500 });
  });

  it("legacy: {detail: Internal server error}", async () => {
    const h = makeApp(undefined, { store: failing });
    const res = await h.request("/backtests/x/stream", { headers: { ...auth, Accept: "text/event-stream" } });
    expect(res.status).toBe(500);
    expect(await legacy(res)).toBe("Internal server error");
  });
});
