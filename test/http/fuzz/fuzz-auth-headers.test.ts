/**
 * Fuzzes credentials and request ids (issue 5 item 4): random and adversarial `Authorization`,
 * `X-API-Key` and `X-Request-ID` on protected and public routes. Properties: never a 5xx; let in
 * exactly when the first present credential is a configured key; every error in the envelope of
 * its path; security headers always; no key in any log line.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { SECOND_KEY, VALID_KEY, WRONG_KEY } from "../../app/helpers.ts";
import type { Harness } from "../../app/helpers.ts";
import { FUZZ_SEED, allowedLines, announceSeed, checkResponse, isPublic, makeFuzzApp, routedPath } from "./fuzz-harness.ts";

/** Cases of this file (see the README's testing notes: the fuzz suite runs ≥ 10,000 in all). */
const RUNS = 3000;
const RUNS_MIXED = 1000;

let h: Harness;
beforeAll(() => {
  announceSeed("fuzz-auth-headers");
  h = makeFuzzApp();
});

/** Header-safe text: Latin-1 without CR, LF and NUL (what `Headers` accepts). */
const headerText = fc.string({ unit: fc.integer({ min: 1, max: 255 }).filter((c) => c !== 10 && c !== 13).map((c) => String.fromCharCode(c)), maxLength: 300 });
const token = fc.oneof(
  fc.constantFrom(VALID_KEY, SECOND_KEY, WRONG_KEY, `${VALID_KEY}x`, VALID_KEY.slice(0, -1), VALID_KEY.toUpperCase(), "", " ", "\t"),
  headerText,
  fc.string({ unit: fc.constantFrom(..."abcdef0123456789-_.~+/=") , minLength: 1, maxLength: 80 }),
  fc.constant(`sha256:${"0".repeat(64)}`),
);
const spaces = fc.constantFrom("", " ", "  ", "\t", " \t ");
const authorization = fc.oneof(
  fc.tuple(fc.constantFrom("Bearer", "bearer", "BEARER", "BeArEr", "Basic", "Token", "Bearer:", "Bear"), spaces, fc.constantFrom(" ", "  ", "\t", ""), token, spaces).map((p) => p.join("")),
  headerText,
);
const requestId = fc.oneof(
  fc.string({ unit: fc.constantFrom(..."AZaz09._:-"), minLength: 1, maxLength: 128 }),
  fc.string({ unit: fc.constantFrom(..."AZaz09._:-"), minLength: 129, maxLength: 200 }),
  headerText,
  fc.constantFrom("", " ", "../../etc/passwd", "id\u00e9", "<script>", "a b", "x".repeat(128), "x".repeat(129)),
);
const route = fc.constantFrom(
  ["GET", "/v1/backtests"], ["GET", "/backtests"], ["POST", "/v1/backtests"], ["GET", "/v1/backtests/00000000-0000-4000-8000-000000000000"],
  ["POST", "/backtests/00000000-0000-4000-8000-000000000000/cancel"], ["GET", "/v1/backtests/x/stream"], ["GET", "/v1/healthz"], ["GET", "/healthz"],
  ["GET", "/openapi.json"], ["DELETE", "/v1/backtests"], ["GET", "/v1/nope"], ["OPTIONS", "/v1/backtests"], ["HEAD", "/v1/backtests"],
);

/** The key the spec says is presented: Bearer first, then X-API-Key; null when neither carries one. */
function presentedKey(auth: string | undefined, apiKey: string | undefined): string | null {
  const headers = new Headers();
  if (auth !== undefined) headers.set("authorization", auth);
  if (apiKey !== undefined) headers.set("x-api-key", apiKey);
  // Re-read through Headers: it trims leading and trailing HTTP whitespace, as a server would.
  const bearer = /^bearer\s+(.*)$/is.exec(headers.get("authorization") ?? "")?.[1]?.trim();
  if (bearer) return bearer;
  const fromHeader = headers.get("x-api-key")?.trim();
  return fromHeader ? fromHeader : null;
}

async function send(method: string, path: string, headers: Record<string, string>, requestIdSent: string | null) {
  h.lines.length = 0;
  const init: RequestInit = { method, headers };
  if (method === "POST") {
    init.body = "{}";
    headers["content-type"] = "application/json";
  }
  const res = await h.request(path, init);
  await checkResponse(h, { url: path, method, requestId: requestIdSent, secrets: [] }, res);
  return res;
}

describe(`fuzz: credentials and request ids (seed ${FUZZ_SEED})`, () => {
  it(`${RUNS} random Authorization / X-API-Key / X-Request-ID combinations`, async () => {
    let cases = 0;
    await fc.assert(
      fc.asyncProperty(route, fc.option(authorization, { nil: undefined }), fc.option(token, { nil: undefined }), fc.option(requestId, { nil: undefined }), async ([method, path], auth, apiKey, rid) => {
        cases++;
        const headers: Record<string, string> = {};
        if (auth !== undefined) headers.authorization = auth;
        if (apiKey !== undefined) headers["x-api-key"] = apiKey;
        if (rid !== undefined) headers["x-request-id"] = rid;
        const sentRid = rid === undefined ? null : new Headers({ "x-request-id": rid }).get("x-request-id");
        const res = await send(method, path, headers, sentRid);
        const presented = presentedKey(auth, apiKey);
        const valid = presented !== null && (presented === VALID_KEY || presented === SECOND_KEY);
        if (isPublic(routedPath(path))) {
          expect(h.events("auth")).toEqual([]);
          return;
        }
        expect(allowedLines(h)).toHaveLength(valid ? 1 : 0);
        if (!valid) {
          expect(res.status).toBe(401);
          expect(res.headers.get("www-authenticate")).toBe(presented === null ? 'Bearer realm="glowback"' : 'Bearer realm="glowback", error="invalid_token"');
        } else {
          expect(res.status).not.toBe(401);
        }
      }),
      { numRuns: RUNS, seed: FUZZ_SEED },
    );
    expect(cases).toBe(RUNS);
  });

  it(`${RUNS_MIXED} cases: a wrong Bearer never falls through to a valid X-API-Key or api_key`, async () => {
    let cases = 0;
    await fc.assert(
      fc.asyncProperty(route, token.filter((t) => t.trim() !== "" && t.trim() !== VALID_KEY && t.trim() !== SECOND_KEY), async ([method, path], bad) => {
        cases++;
        const url = `${path}?api_key=${encodeURIComponent(VALID_KEY)}`;
        const headers = { authorization: `Bearer ${bad}`, "x-api-key": VALID_KEY };
        h.lines.length = 0;
        const res = await h.request(url, { method, headers: method === "POST" ? { ...headers, "content-type": "application/json" } : headers, body: method === "POST" ? "{}" : undefined });
        await checkResponse(h, { url, method, requestId: null, secrets: [] }, res);
        if (isPublic(routedPath(path))) return;
        expect(res.status).toBe(401);
        expect(allowedLines(h)).toEqual([]);
      }),
      { numRuns: RUNS_MIXED, seed: FUZZ_SEED },
    );
    expect(cases).toBe(RUNS_MIXED);
  });
});
