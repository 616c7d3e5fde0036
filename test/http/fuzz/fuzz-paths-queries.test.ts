/**
 * Fuzzes paths, methods and query strings (issue 5 item 4): dot segments, encoded slashes,
 * unicode, very long segments, odd methods, and `api_key` variants. Properties: never a 5xx;
 * a protected path is never served without a key; errors in the envelope of their path; security
 * headers always; no `api_key` value in any log line.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { Harness } from "../../app/helpers.ts";
import { VALID_KEY } from "../../app/helpers.ts";
import { FUZZ_SEED, allowedLines, announceSeed, checkResponse, isPublic, makeFuzzApp, routedPath } from "./fuzz-harness.ts";

const RUNS_PATHS = 2500;
const RUNS_QUERY = 1500;

let h: Harness;
beforeAll(() => {
  announceSeed("fuzz-paths-queries");
  h = makeFuzzApp();
});

const segment = fc.oneof(
  fc.constantFrom("v1", "backtests", "healthz", "docs", "openapi.json", "stream", "events", "cancel", "results", "datasets", "optimizations"),
  fc.constantFrom("..", ".", "%2e%2e", "%2E", "%2F", "%252F", "..%2F..", "%5C", "\\", "%00", "%", "%zz", "%c0%af", ";", "~", "", "#", "?", "*", "v1%2Fbacktests"),
  fc.constant("00000000-0000-4000-8000-000000000000"),
  fc.string({ unit: "grapheme", maxLength: 12 }).map(encodeURIComponent),
  fc.string({ unit: "grapheme-ascii", maxLength: 12 }),
  fc.integer({ min: 2000, max: 9000 }).map((n) => "a".repeat(n)),
);
const path = fc.array(segment, { minLength: 0, maxLength: 7 }).map((parts) => `/${parts.join("/")}`);
const method = fc.constantFrom("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "PURGE", "get", "M-SEARCH");

/** An `api_key` value marked so that a leak is unmistakable in a log line. */
const secret = fc.string({ unit: fc.constantFrom(..."ABCDEFGHJKLMNPQRSTUVWXYZ23456789"), minLength: 10, maxLength: 24 }).map((s) => `SECRET${s}`);
const apiKeyName = fc.constantFrom("api_key", "API_KEY", "Api_Key", "api%5Fkey", "api%5fkey", "%61pi_key", "%41PI%5FKEY");
const streamPath = fc.constantFrom("/v1/backtests/00000000-0000-4000-8000-000000000000/stream", "/backtests/abc/stream", "/v1/backtests/%2e%2e/stream");

describe(`fuzz: paths, methods and queries (seed ${FUZZ_SEED})`, () => {
  it(`${RUNS_PATHS} random paths and methods, with and without a key`, async () => {
    let cases = 0;
    await fc.assert(
      fc.asyncProperty(method, path, fc.boolean(), async (m, p, withKey) => {
        cases++;
        h.lines.length = 0;
        const headers: Record<string, string> = withKey ? { "x-api-key": VALID_KEY } : {};
        const res = await h.request(p, { method: m, headers });
        await checkResponse(h, { url: p, method: m.toUpperCase(), requestId: null, secrets: [] }, res);
        if (!withKey && !isPublic(routedPath(p))) {
          expect(res.status).toBe(401);
          expect(allowedLines(h)).toEqual([]);
        }
      }),
      { numRuns: RUNS_PATHS, seed: FUZZ_SEED },
    );
    expect(cases).toBe(RUNS_PATHS);
  });

  it(`${RUNS_QUERY} api_key variants on stream and other routes: redacted in logs, a credential only on streams`, async () => {
    let cases = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(streamPath, fc.constantFrom("/v1/backtests", "/backtests", "/v1/healthz", "/v1/nope")),
        fc.array(fc.tuple(apiKeyName, secret), { minLength: 1, maxLength: 3 }),
        fc.array(fc.tuple(fc.constantFrom("state", "limit", "last_event_id", "x", "api_keys", "api"), fc.string({ maxLength: 20 }).map(encodeURIComponent)), { maxLength: 3 }),
        fc.boolean(),
        async (p, keys, others, sse) => {
          cases++;
          h.lines.length = 0;
          const pairs = [...keys.map(([n, v]) => `${n}=${v}`), ...others.map(([n, v]) => `${n}=${v}`)];
          const url = `${p}?${pairs.join("&")}`;
          const res = await h.request(url, { headers: sse ? { accept: "text/event-stream" } : {} });
          await checkResponse(h, { url, method: "GET", requestId: null, secrets: keys.map(([, v]) => v) }, res);
          // None of the values is a configured key: nobody is let in.
          expect(allowedLines(h)).toEqual([]);
          const request = h.events("request")[0];
          expect(String(request.path)).toContain("=[REDACTED]");
          if (!isPublic(routedPath(url))) expect(res.status).toBe(401);
        },
      ),
      { numRuns: RUNS_QUERY, seed: FUZZ_SEED },
    );
    expect(cases).toBe(RUNS_QUERY);
  });

  it("a valid api_key is a credential on the stream only, and is redacted either way", async () => {
    for (const [url, allowed] of [[`/v1/backtests/abc/stream?api_key=${VALID_KEY}`, true], [`/v1/backtests?api_key=${VALID_KEY}`, false]] as const) {
      h.lines.length = 0;
      const res = await h.request(url, { headers: { accept: "text/event-stream" } });
      await checkResponse(h, { url, method: "GET", requestId: null, secrets: [] }, res);
      expect(res.status).toBe(allowed ? 404 : 401);
      expect(allowedLines(h)).toHaveLength(allowed ? 1 : 0);
      expect(h.events("request")[0].path).toBe(url.replace(VALID_KEY, "[REDACTED]"));
    }
  });
});
