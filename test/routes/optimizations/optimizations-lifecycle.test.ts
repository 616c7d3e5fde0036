/**
 * The optimisation routes through `app.request()` over an in-test `OptimizationsApi`: status
 * codes, bodies, `Location`, `Link` paging, ETag/304, 409 details, cancel/resume transitions,
 * events, legacy aliases and authentication.
 */
import { beforeEach, describe, expect, it } from "vitest";
import type { Harness } from "../../app/helpers.ts";
import { VALID_KEY, expectedKeyId } from "../../app/helpers.ts";
import type { FakeOptimizations } from "./fake-optimizations.ts";
import { resultEtag, trial } from "./fake-optimizations.ts";
import {
  createOptimization, getJson, makeOptimizationApp, optimizationBody, postAction, postOptimization, sampleResult,
} from "./optimization-harness.ts";

const UNKNOWN = "00000000-0000-4000-8000-000000000000";
const NOT_FOUND_V1 = (requestId: string) => ({ error: { code: "not_found", message: "Optimization not found", details: null }, request_id: requestId });

let h: Harness;
let fake: FakeOptimizations;
beforeEach(() => {
  ({ h, fake } = makeOptimizationApp());
});

describe("POST /v1/optimizations", () => {
  it("201 with the queued status and Location; the service gets the normalised request and the caller", async () => {
    const { res, json } = await postOptimization(h, optimizationBody({ name: "first" }));
    expect(res.status).toBe(201);
    const id = String(json.optimization_id);
    expect(res.headers.get("location")).toBe(`/v1/optimizations/${id}`);
    expect(json).toEqual({
      optimization_id: id, name: "first", state: "queued", progress: 0, created_at: "2026-03-01T00:00:01.000Z", started_at: null,
      finished_at: null, error: null, search_method: "grid", objective_metric: "sharpe_ratio", direction: "maximize", total_trials: 3,
      completed_trials: 0, failed_trials: 0, running_trials: 0, best_trial: null,
    });
    const stored = fake.entries.get(id)!;
    expect(stored.request.validation_mode).toBe("holdout");
    expect(stored.request.validation_fraction).toBe(0.3);
    expect(stored.request.concurrency).toBe(1);
    expect(stored.request.search_space.parameters).toEqual([{ name: "short_period", kind: "int_range", low: 2, high: 10, integer: true }]);
    expect(stored.request.base_backtest.symbols).toEqual(["AAPL", "MSFT"]);
    expect(stored.caller.keyId).toBe(expectedKeyId(VALID_KEY));
    expect(stored.caller.requestId).toBe(res.headers.get("x-request-id"));
  });

  it("the legacy alias creates too; Location names the canonical path", async () => {
    const { res, json } = await postOptimization(h, optimizationBody(), "/optimizations");
    expect(res.status).toBe(201);
    expect(res.headers.get("location")).toBe(`/v1/optimizations/${String(json.optimization_id)}`);
  });
});

describe("GET /v1/optimizations/{optimization_id}", () => {
  it("200 with the status; 404 `Optimization not found` in the v1 envelope and as legacy detail", async () => {
    const id = await createOptimization(h);
    const found = await getJson(h, `/v1/optimizations/${id}`);
    expect(found.res.status).toBe(200);
    expect(found.json.optimization_id).toBe(id);
    expect(found.json.state).toBe("queued");

    const missing = await getJson(h, `/v1/optimizations/${UNKNOWN}`, { "X-Request-ID": "req-404" });
    expect(missing.res.status).toBe(404);
    expect(missing.json).toEqual(NOT_FOUND_V1("req-404"));
    const legacy = await getJson(h, `/optimizations/${UNKNOWN}`);
    expect(legacy.res.status).toBe(404);
    expect(legacy.json).toEqual({ detail: "Optimization not found" });
  });
});

describe("GET /v1/optimizations (listing)", () => {
  it("newest first, paged with Link rel=next until the last page; state filter", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await createOptimization(h, optimizationBody({ name: `o${i}` })));
    fake.start(ids[1]);
    const newestFirst = [...ids].reverse();

    const first = await getJson<{ optimization_id: string }[]>(h, "/v1/optimizations?limit=2");
    expect(first.res.status).toBe(200);
    expect(first.json.map((s) => s.optimization_id)).toEqual(newestFirst.slice(0, 2));
    const link = first.res.headers.get("link")!;
    const next = /^<([^>]+)>; rel="next"$/.exec(link)![1];
    expect(next.startsWith("/v1/optimizations?limit=2&cursor=")).toBe(true);

    const second = await getJson<{ optimization_id: string }[]>(h, next);
    expect(second.json.map((s) => s.optimization_id)).toEqual(newestFirst.slice(2, 4));
    const third = await getJson<{ optimization_id: string }[]>(h, /^<([^>]+)>/.exec(second.res.headers.get("link")!)![1]);
    expect(third.json.map((s) => s.optimization_id)).toEqual(newestFirst.slice(4));
    expect(third.res.headers.get("link")).toBeNull();

    const running = await getJson<{ optimization_id: string; state: string }[]>(h, "/v1/optimizations?state=running");
    expect(running.json.map((s) => [s.optimization_id, s.state])).toEqual([[ids[1], "running"]]);
    const all = await getJson<unknown[]>(h, "/optimizations");
    expect(all.json).toHaveLength(5);
    expect(all.res.headers.get("link")).toBeNull();
  });

  it("limit outside 1..200, an unknown state and a malformed cursor are 422s at their query loc", async () => {
    const limit = await getJson<{ error: { details: { loc: unknown[]; type: string }[] } }>(h, "/v1/optimizations?limit=201");
    expect(limit.res.status).toBe(422);
    expect(limit.json.error.details.map((d) => [d.loc, d.type])).toEqual([[["query", "limit"], "custom"]]);
    const state = await getJson<{ error: { details: { loc: unknown[] }[] } }>(h, "/v1/optimizations?state=paused");
    expect(state.res.status).toBe(422);
    expect(state.json.error.details.map((d) => d.loc)).toEqual([["query", "state"]]);
    const cursor = await getJson<{ error: { details: unknown[] } }>(h, "/v1/optimizations?cursor=!!");
    expect(cursor.res.status).toBe(422);
    expect(cursor.json.error.details).toEqual([{ loc: ["query", "cursor"], msg: "Invalid cursor: not a cursor returned by a previous page", type: "value_error" }]);
  });
});

describe("GET /v1/optimizations/{optimization_id}/results", () => {
  it("409 while queued and running, with state and error in details", async () => {
    const id = await createOptimization(h);
    const queued = await getJson(h, `/v1/optimizations/${id}/results`, { "X-Request-ID": "req-409" });
    expect(queued.res.status).toBe(409);
    expect(queued.json).toEqual({
      error: { code: "conflict", message: "Result not available: the optimization is queued", details: { state: "queued", error: null } },
      request_id: "req-409",
    });
    fake.start(id);
    const running = await getJson<{ error: { details: unknown } }>(h, `/v1/optimizations/${id}/results`);
    expect(running.res.status).toBe(409);
    expect(running.json.error.details).toEqual({ state: "running", error: null });
  });

  it("409 for a failed optimization carries its error; legacy body is the message", async () => {
    const id = await createOptimization(h);
    fake.start(id);
    fake.fail(id, "every trial failed");
    const failed = await getJson<{ error: { message: string; details: unknown } }>(h, `/v1/optimizations/${id}/results`);
    expect(failed.res.status).toBe(409);
    expect(failed.json.error.message).toBe("Result not available: the optimization is failed");
    expect(failed.json.error.details).toEqual({ state: "failed", error: "every trial failed" });
    const legacy = await getJson(h, `/optimizations/${id}/results`);
    expect(legacy.json).toEqual({ detail: "Result not available: the optimization is failed" });
  });

  it("200 streams the result with an ETag; If-None-Match gives 304 and releases the body", async () => {
    const id = await createOptimization(h);
    fake.start(id);
    const result = sampleResult();
    fake.complete(id, result);
    const etag = `"${resultEtag(result)}"`;

    const res = await h.request(`/v1/optimizations/${id}/results`, { headers: { "X-API-Key": VALID_KEY } });
    expect(res.status).toBe(200);
    expect(res.headers.get("etag")).toBe(etag);
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(res.body).toBeInstanceOf(ReadableStream);
    expect(await res.json()).toEqual(JSON.parse(JSON.stringify(result)));

    const cached = await h.request(`/v1/optimizations/${id}/results`, { headers: { "X-API-Key": VALID_KEY, "If-None-Match": etag } });
    expect(cached.status).toBe(304);
    expect(cached.headers.get("etag")).toBe(etag);
    expect(await cached.text()).toBe("");
    expect(fake.cancelledBodies).toBe(1);

    const stale = await h.request(`/v1/optimizations/${id}/results`, { headers: { "X-API-Key": VALID_KEY, "If-None-Match": '"other"' } });
    expect(stale.status).toBe(200);
    await stale.body?.cancel();
  });

  it("404 for an unknown id", async () => {
    const { res, json } = await getJson(h, `/v1/optimizations/${UNKNOWN}/results`);
    expect(res.status).toBe(404);
    expect((json as { error: { message: string } }).error.message).toBe("Optimization not found");
  });
});

describe("cancel and resume", () => {
  it("cancel: 200 cancelled from queued or running; 409 when terminal with state in details; 404 unknown", async () => {
    const queued = await createOptimization(h);
    const cancelled = await postAction(h, `/v1/optimizations/${queued}/cancel`);
    expect(cancelled.res.status).toBe(200);
    expect(cancelled.json.state).toBe("cancelled");
    expect(cancelled.json.finished_at).not.toBeNull();

    const running = await createOptimization(h);
    fake.start(running);
    expect((await postAction(h, `/v1/optimizations/${running}/cancel`)).json.state).toBe("cancelled");

    const again = await postAction(h, `/v1/optimizations/${queued}/cancel`);
    expect(again.res.status).toBe(409);
    expect(again.json.error).toEqual({ code: "conflict", message: "Optimization already cancelled", details: { state: "cancelled", error: null } });

    const done = await createOptimization(h);
    fake.start(done);
    fake.complete(done, sampleResult());
    const late = await postAction(h, `/optimizations/${done}/cancel`);
    expect(late.res.status).toBe(409);
    expect(late.json).toEqual({ detail: "Optimization already completed" });

    expect((await postAction(h, `/v1/optimizations/${UNKNOWN}/cancel`)).res.status).toBe(404);
  });

  it("resume: 200 queued from cancelled or failed (timestamps and error reset); 409 otherwise with the state", async () => {
    const id = await createOptimization(h);
    fake.start(id);
    fake.fail(id, "boom");
    const resumed = await postAction(h, `/v1/optimizations/${id}/resume`);
    expect(resumed.res.status).toBe(200);
    expect(resumed.json).toMatchObject({ optimization_id: id, state: "queued", started_at: null, finished_at: null, error: null });

    const queuedAgain = await postAction(h, `/v1/optimizations/${id}/resume`);
    expect(queuedAgain.res.status).toBe(409);
    expect(queuedAgain.json.error).toEqual({
      code: "conflict", message: "Optimization is queued; only a cancelled or failed optimization can be resumed", details: { state: "queued", error: null },
    });

    await postAction(h, `/v1/optimizations/${id}/cancel`);
    expect((await postAction(h, `/optimizations/${id}/resume`)).json.state).toBe("queued");

    fake.start(id);
    const whileRunning = await postAction(h, `/v1/optimizations/${id}/resume`);
    expect(whileRunning.res.status).toBe(409);
    expect((whileRunning.json.error as { details: unknown }).details).toEqual({ state: "running", error: null });
    fake.complete(id, sampleResult());
    expect(((await postAction(h, `/v1/optimizations/${id}/resume`)).json.error as { details: unknown }).details).toEqual({ state: "completed", error: null });
    expect((await postAction(h, `/v1/optimizations/${UNKNOWN}/resume`)).res.status).toBe(404);
  });
});

describe("GET /v1/optimizations/{optimization_id}/events", () => {
  it("pages of the stored events after `after`; 404 unknown; 422 for a bad limit", async () => {
    const id = await createOptimization(h);
    fake.start(id);
    fake.finishTrial(id, trial(1, 0.5));
    const all = await getJson<{ event_id: number; type: string; optimization_id: string }[]>(h, `/v1/optimizations/${id}/events`);
    expect(all.res.status).toBe(200);
    expect(all.json.map((e) => [e.event_id, e.type])).toEqual([[1, "state"], [2, "state"], [3, "trial"], [4, "best"], [5, "progress"]]);
    expect(all.json.every((e) => e.optimization_id === id)).toBe(true);
    const page = await getJson<{ event_id: number }[]>(h, `/optimizations/${id}/events?after=2&limit=2`);
    expect(page.json.map((e) => e.event_id)).toEqual([3, 4]);
    expect((await getJson(h, `/v1/optimizations/${UNKNOWN}/events`)).res.status).toBe(404);
    expect((await getJson(h, `/v1/optimizations/${id}/events?limit=0`)).res.status).toBe(422);
  });
});

describe("authentication", () => {
  it("401 without a key on every route, with WWW-Authenticate", async () => {
    const id = await createOptimization(h);
    const calls: [string, string][] = [
      ["POST", "/v1/optimizations"], ["GET", "/v1/optimizations"], ["GET", `/v1/optimizations/${id}`], ["GET", `/v1/optimizations/${id}/results`],
      ["POST", `/v1/optimizations/${id}/cancel`], ["POST", `/v1/optimizations/${id}/resume`], ["GET", `/v1/optimizations/${id}/events`],
      ["GET", `/v1/optimizations/${id}/stream`], ["GET", `/optimizations/${id}`],
    ];
    for (const [method, path] of calls) {
      const res = await h.request(path, { method, headers: { "Content-Type": "application/json" }, body: method === "POST" ? "{}" : undefined });
      expect([method, path, res.status, res.headers.get("www-authenticate")]).toEqual([method, path, 401, 'Bearer realm="glowback"']);
    }
    expect(fake.entries.get(id)!.status.state).toBe("queued");
  });

  it("`?api_key=` is not a credential outside the stream route", async () => {
    const id = await createOptimization(h);
    const res = await h.request(`/v1/optimizations/${id}?api_key=${VALID_KEY}`);
    expect(res.status).toBe(401);
    const body = (await res.json()) as { error: { message: string } };
    expect(body.error.message.toLowerCase()).toContain("header");
    const sse = await h.request(`/v1/optimizations/${id}/stream?api_key=${VALID_KEY}&last_event_id=1`, { headers: { Accept: "text/event-stream" } });
    expect(sse.status).toBe(200);
    expect(sse.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    await sse.body?.cancel();
  });

  it("a POST body without JSON content type is 415", async () => {
    const res = await h.request("/v1/optimizations", { method: "POST", headers: { "X-API-Key": VALID_KEY, "Content-Type": "text/plain" }, body: "{}" });
    expect(res.status).toBe(415);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("unsupported_media_type");
    expect(fake.entries.size).toBe(0);
  });
});
