/**
 * Fuzzes JSON bodies of `POST /v1/backtests` and `POST /v1/backtests/{id}/cancel` (issue 5 item
 * 4): arbitrary JSON, deep nesting, huge numbers, unicode, wrong types, prototype keys, and a
 * valid request with one field replaced. Properties: never a 5xx; 201 / 200 / 404 / 409 / 413 /
 * 415 / 422 only; errors in the envelope of their path; no prototype pollution.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Harness } from "../../app/helpers.ts";
import { VALID_KEY } from "../../app/helpers.ts";
import { sampleBody } from "../../routes/backtests/run-client.ts";
import { FUZZ_SEED, announceSeed, check, checkResponse, makeFuzzApp } from "./fuzz-harness.ts";

const RUNS_CREATE = 2000;
const RUNS_CANCEL = 1000;
const HEADERS = { "x-api-key": VALID_KEY, "content-type": "application/json" };

let h: Harness;
beforeAll(() => {
  announceSeed("fuzz-bodies");
  h = makeFuzzApp();
});
afterAll(() => {
  // Nothing parsed from a body may have reached Object.prototype.
  expect(Object.getOwnPropertyNames(Object.prototype).filter((name) => !BUILTIN_PROTO.has(name))).toEqual([]);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});
const BUILTIN_PROTO = new Set(Object.getOwnPropertyNames(Object.prototype));

const PROTO_KEYS = ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "valueOf"];
const hugeNumberText = fc.constantFrom("1e309", "-1e309", "1e-400", "123456789012345678901234567890", "0.0000000000000000000001", "-0", "9007199254740993", "1E+2", "NaN", "Infinity");
const weird = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.constantFrom(null, true, false, 0, -1, 1.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, "", "2024-02-30", "AAA", [], {}, [null], { polluted: true }),
);
/** JSON text of a value nested `depth` times in arrays or objects. */
const deep = fc.tuple(fc.integer({ min: 50, max: 5000 }), fc.boolean()).map(([depth, arrays]) => (arrays ? "[".repeat(depth) + "1" + "]".repeat(depth) : '{"a":'.repeat(depth) + "1" + "}".repeat(depth)));
const protoBody = fc.tuple(fc.constantFrom(...PROTO_KEYS), weird).map(([key, value]) => {
  const base = JSON.stringify(sampleBody()).slice(0, -1);
  return `${base},${JSON.stringify(key)}:${JSON.stringify({ polluted: true, value })},"parameters":{${JSON.stringify(key)}:{"polluted":1}}}`;
});
const replacedField = fc.tuple(fc.constantFrom(...Object.keys(sampleBody()), "unknown_field", ...PROTO_KEYS), weird).map(([key, value]) => {
  const body: Record<string, unknown> = { ...sampleBody() };
  body[key] = value;
  return JSON.stringify(body).replace(`"${key}":`, `${JSON.stringify(key)}:`);
});
const hugeNumbers = fc.tuple(fc.constantFrom("initial_capital", "symbols", "start_date", "commission"), hugeNumberText).map(([key, n]) => {
  const text = JSON.stringify(sampleBody()).slice(0, -1);
  return `${text},${JSON.stringify(key)}:${n}}`;
});
const bodyText = fc.oneof(
  weird.map((v) => JSON.stringify(v)),
  deep,
  protoBody,
  replacedField,
  hugeNumbers,
  fc.string({ maxLength: 200 }),
  fc.constantFrom("", "{", "}", "[", "nul", '{"a":1,}', "\u0000", '"\\ud800"', "{\"symbols\":[\"\\u0000\"]}"),
);

async function post(url: string, body: string, headers: Record<string, string> = HEADERS) {
  h.lines.length = 0;
  const res = await h.request(url, { method: "POST", headers, body });
  return { res, body: await checkResponse(h, { url, method: "POST", requestId: null, secrets: [] }, res) };
}

describe(`fuzz: JSON bodies (seed ${FUZZ_SEED})`, () => {
  it(`${RUNS_CREATE} bodies for POST /v1/backtests and /backtests`, async () => {
    let cases = 0;
    await fc.assert(
      fc.asyncProperty(bodyText, fc.boolean(), fc.constantFrom("application/json", "application/json; charset=utf-8", "text/plain"), async (text, legacy, type) => {
        cases++;
        const { res } = await post(legacy ? "/backtests" : "/v1/backtests", text, { ...HEADERS, "content-type": type });
        const allowed = type === "text/plain" ? (text === "" ? [422] : [415]) : [201, 413, 422];
        check(allowed.includes(res.status), () => `status ${res.status} for ${JSON.stringify(text.slice(0, 200))}`);
      }),
      { numRuns: RUNS_CREATE, seed: FUZZ_SEED },
    );
    expect(cases).toBe(RUNS_CREATE);
  });

  it("regression (found by this suite): an empty body with a non-JSON Content-Type is 422 (missing body), not 500", async () => {
    const details = [{ loc: ["body"], msg: "Request body is required", type: "missing" }];
    for (const url of ["/v1/backtests", "/backtests"]) {
      const { res, body } = await post(url, "", { ...HEADERS, "content-type": "text/plain" });
      expect(res.status).toBe(422);
      const expected = url.startsWith("/v1") ? { error: { code: "validation_error", message: "Request validation failed", details }, request_id: res.headers.get("x-request-id") } : { detail: details };
      expect(body).toEqual(expected);
    }
  });

  it(`${RUNS_CANCEL} run ids and bodies for POST /v1/backtests/{id}/cancel`, async () => {
    const created = await post("/v1/backtests", JSON.stringify(sampleBody()));
    expect(created.res.status).toBe(201);
    const runId = String(((await (await h.request("/v1/backtests", { headers: HEADERS })).json()) as { run_id: string }[])[0].run_id);
    const id = fc.oneof(
      fc.constant(runId),
      fc.uuid().map(String),
      fc.string({ unit: "grapheme", maxLength: 40 }).map(encodeURIComponent),
      fc.constantFrom("..", "%2e%2e", "%2F", "x".repeat(3000), "%00", "null", "undefined", "__proto__", "constructor"),
    );
    let cases = 0;
    await fc.assert(
      fc.asyncProperty(id, fc.option(bodyText, { nil: undefined }), fc.boolean(), async (runIdPart, text, legacy) => {
        cases++;
        const { res } = await post(`${legacy ? "" : "/v1"}/backtests/${runIdPart}/cancel`, text ?? "");
        check([200, 404, 409, 413, 415, 422].includes(res.status), () => `status ${res.status} for ${runIdPart} ${JSON.stringify(text?.slice(0, 200))}`);
      }),
      { numRuns: RUNS_CANCEL, seed: FUZZ_SEED },
    );
    expect(cases).toBe(RUNS_CANCEL);
  });
});
