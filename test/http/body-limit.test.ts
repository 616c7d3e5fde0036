/**
 * Request limits (API spec §7) on `POST /v1/backtests`: the middleware answers before any route,
 * after auth. A status other than 413/415 means the body passed the check in question.
 */
import { describe, expect, it } from "vitest";
import { VALID_KEY, chunkedBody, makeApp } from "../app/helpers.ts";

const LIMIT = 64;
const env = { GLOWBACK_API_KEY: VALID_KEY, GLOWBACK_MAX_BODY_BYTES: String(LIMIT) };
const jsonHeaders = { "X-API-Key": VALID_KEY, "Content-Type": "application/json" };

/** A JSON object of exactly `bytes` bytes. */
function jsonOfSize(bytes: number): string {
  const text = `{"p":"${"x".repeat(bytes - 8)}"}`;
  expect(new TextEncoder().encode(text).byteLength).toBe(bytes);
  return text;
}

async function code(res: Response): Promise<string | null> {
  const text = await res.text();
  try {
    return (JSON.parse(text) as { error?: { code?: string } }).error?.code ?? null;
  } catch {
    return null;
  }
}

describe("Content-Length over the limit", () => {
  it("413 from the declared length, before reading the body", async () => {
    const h = makeApp(env);
    const res = await h.request("/v1/backtests", {
      method: "POST",
      headers: { ...jsonHeaders, "Content-Length": String(LIMIT + 1) },
      body: "{}",
    });
    expect(res.status).toBe(413);
    expect(await code(res)).toBe("request_too_large");
  });

  it("413 for an actual body one byte over the limit", async () => {
    const res = await makeApp(env).request("/v1/backtests", { method: "POST", headers: jsonHeaders, body: jsonOfSize(LIMIT + 1) });
    expect(res.status).toBe(413);
  });

  it("exactly at the limit passes the limit check", async () => {
    const res = await makeApp(env).request("/v1/backtests", { method: "POST", headers: jsonHeaders, body: jsonOfSize(LIMIT) });
    expect(res.status).not.toBe(413);
    expect(await code(res)).not.toBe("request_too_large");
  });

  it("exactly at the limit with a declared Content-Length passes", async () => {
    const body = jsonOfSize(LIMIT);
    const res = await makeApp(env).request("/v1/backtests", {
      method: "POST", headers: { ...jsonHeaders, "Content-Length": String(LIMIT) }, body,
    });
    expect(res.status).not.toBe(413);
  });

  it("the check runs after auth: no key ⇒ 401 even for a huge declared body", async () => {
    const res = await makeApp(env).request("/v1/backtests", {
      method: "POST", headers: { "Content-Type": "application/json", "Content-Length": "999999999" }, body: "{}",
    });
    expect(res.status).toBe(401);
  });
});

describe("chunked bodies (no Content-Length)", () => {
  const send = (bytes: number) =>
    makeApp(env).request("/v1/backtests", {
      method: "POST",
      headers: jsonHeaders,
      body: chunkedBody(bytes, 16),
      duplex: "half",
    } as RequestInit);

  it("over the limit ⇒ 413", async () => {
    const res = await send(LIMIT + 1);
    expect(res.status).toBe(413);
    expect(await code(res)).toBe("request_too_large");
  });

  it("far over the limit ⇒ 413 without reading it all", async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        if (pulled > 10_000) controller.close();
        else controller.enqueue(new Uint8Array(1024));
      },
    });
    const res = await makeApp(env).request("/v1/backtests", { method: "POST", headers: jsonHeaders, body, duplex: "half" } as RequestInit);
    expect(res.status).toBe(413);
    expect(pulled).toBeLessThan(10);
  });

  it("exactly at the limit passes the limit check", async () => {
    const res = await send(LIMIT);
    expect(res.status).not.toBe(413);
  });
});

describe("GLOWBACK_MAX_BODY_BYTES", () => {
  it("defaults to 1 MiB", async () => {
    const h = makeApp({ GLOWBACK_API_KEY: VALID_KEY });
    const over = await h.request("/v1/backtests", { method: "POST", headers: jsonHeaders, body: jsonOfSize(1_048_577) });
    expect(over.status).toBe(413);
    expect(await over.json()).toMatchObject({ error: { details: { max_bytes: 1_048_576 } } });
    const at = await h.request("/v1/backtests", { method: "POST", headers: jsonHeaders, body: jsonOfSize(1_048_576) });
    expect(at.status).not.toBe(413);
  });

  it("a smaller configured limit is respected", async () => {
    const h = makeApp({ GLOWBACK_API_KEY: VALID_KEY, GLOWBACK_MAX_BODY_BYTES: "10" });
    expect((await h.request("/v1/backtests", { method: "POST", headers: jsonHeaders, body: jsonOfSize(11) })).status).toBe(413);
    expect((await h.request("/v1/backtests", { method: "POST", headers: jsonHeaders, body: jsonOfSize(10) })).status).not.toBe(413);
  });

  it("counts bytes, not characters", async () => {
    const h = makeApp({ GLOWBACK_API_KEY: VALID_KEY, GLOWBACK_MAX_BODY_BYTES: "16" });
    // 14 characters, 20 bytes in UTF-8.
    const body = `{"p":"${"é".repeat(6)}"}`;
    expect(new TextEncoder().encode(body).byteLength).toBe(20);
    expect((await h.request("/v1/backtests", { method: "POST", headers: jsonHeaders, body })).status).toBe(413);
  });
});

describe("media type and JSON syntax", () => {
  it.each(["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/jsonx", "text/json"])(
    "Content-Type %s ⇒ 415",
    async (contentType) => {
      const res = await makeApp(env).request("/v1/backtests", {
        method: "POST", headers: { "X-API-Key": VALID_KEY, "Content-Type": contentType }, body: "{}",
      });
      expect(res.status).toBe(415);
      expect(await code(res)).toBe("unsupported_media_type");
    },
  );

  it("no Content-Type with a body ⇒ 415", async () => {
    const res = await makeApp(env).request("/v1/backtests", {
      method: "POST", headers: { "X-API-Key": VALID_KEY }, body: new TextEncoder().encode("{}"),
    });
    expect(res.status).toBe(415);
  });

  it.each(["application/json", "application/json; charset=utf-8", "APPLICATION/JSON", "application/vnd.api+json"])(
    "Content-Type %s is accepted as JSON",
    async (contentType) => {
      const res = await makeApp(env).request("/v1/backtests", {
        method: "POST", headers: { "X-API-Key": VALID_KEY, "Content-Type": contentType }, body: "{}",
      });
      expect(res.status).not.toBe(415);
    },
  );

  it("an empty POST body is not 415", async () => {
    const h = makeApp(env);
    const bare = await h.request("/v1/backtests", { method: "POST", headers: { "X-API-Key": VALID_KEY } });
    expect(bare.status).not.toBe(415);
    const withType = await h.request("/v1/backtests", { method: "POST", headers: { "X-API-Key": VALID_KEY, "Content-Type": "text/plain" }, body: "" });
    expect(withType.status).not.toBe(415);
    expect(await code(withType)).not.toBe("unsupported_media_type");
  });

  it.each(["{bad", "{\"a\":1,}", "[1,2", "nul", "{\"a\" 1}"])("malformed JSON %j ⇒ 422 json_invalid", async (body) => {
    const res = await makeApp(env).request("/v1/backtests", { method: "POST", headers: jsonHeaders, body });
    expect(res.status).toBe(422);
    const parsed = await res.json();
    expect(parsed.error.code).toBe("validation_error");
    expect(parsed.error.details).toEqual([{ loc: ["body"], msg: expect.stringMatching(/^Malformed JSON/), type: "json_invalid" }]);
  });

  it("415 and 422 come after auth", async () => {
    const h = makeApp(env);
    const r1 = await h.request("/v1/backtests", { method: "POST", headers: { "Content-Type": "text/plain" }, body: "x" });
    const r2 = await h.request("/v1/backtests", { method: "POST", headers: { "Content-Type": "application/json" }, body: "{bad" });
    expect([r1.status, r2.status]).toEqual([401, 401]);
  });
});
