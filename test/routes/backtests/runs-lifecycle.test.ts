/** Runs end to end in process (`app.request`): create, poll, results, sections, events, cancel (API spec §1, §5). */
import { describe, expect, it } from "vitest";
import { UUID_PATTERN, makeApp } from "../../app/helpers.ts";
import type { RunEvent } from "../../../src/runs/run-types.ts";
import { createInMemoryDatasetStore } from "../../../src/runs/memory-dataset-store.ts";
import { createInMemoryRunStore } from "../../../src/runs/memory-run-store.ts";
import { RunService } from "../../../src/runs/run-service.ts";
import { gatedProvider } from "./gated-provider.ts";
import { AUTH, createRun, getJson, sampleBody, waitForState } from "./run-client.ts";

type Json = Record<string, unknown>;

describe("a run from request to result", async () => {
  const h = makeApp();
  const { res, json: created } = await createRun(h);
  const runId = String(created.run_id);
  const final = await waitForState(h, runId, ["completed", "failed"]);

  it("POST answers 201 queued with Location", () => {
    expect(res.status).toBe(201);
    expect(runId).toMatch(UUID_PATTERN);
    expect(res.headers.get("location")).toBe(`/v1/backtests/${runId}`);
    expect(created).toEqual({ run_id: runId, state: "queued", progress: 0, created_at: expect.stringMatching(/Z$/), started_at: null, finished_at: null, error: null });
  });

  it("completes with progress 1 and timestamps", () => {
    expect(final).toMatchObject({ run_id: runId, state: "completed", progress: 1, error: null, created_at: created.created_at });
    expect(String(final.started_at) >= String(created.created_at)).toBe(true);
    expect(String(final.finished_at) >= String(final.started_at)).toBe(true);
  });

  it("serves the bounded result with its content hash as ETag, and 304 on If-None-Match", async () => {
    const { res: r, json } = await getJson<Json>(h, `/v1/backtests/${runId}/results`);
    expect(r.status).toBe(200);
    expect(json.run_id).toBe(runId);
    expect(r.headers.get("etag")).toBe(`"${String(json.content_hash)}"`);
    const sections = json.sections as Record<string, Json>;
    expect(sections.equity_curve).toEqual({
      total: (json.equity_curve as unknown[]).length, included: (json.equity_curve as unknown[]).length, downsampled: false, truncated: false,
      href: `/v1/backtests/${runId}/results/equity_curve`,
    });
    const again = await h.request(`/v1/backtests/${runId}/results`, { headers: { "X-API-Key": AUTH["X-API-Key"], "If-None-Match": r.headers.get("etag")! } });
    expect(again.status).toBe(304);
    expect(again.headers.get("etag")).toBe(r.headers.get("etag"));
    expect(await again.text()).toBe("");
    const other = await h.request(`/v1/backtests/${runId}/results`, { headers: { "X-API-Key": AUTH["X-API-Key"], "If-None-Match": '"other"' } });
    expect(other.status).toBe(200);
  });

  it("pages a section: the pages concatenate to the full section", async () => {
    const { json: full } = await getJson<Json>(h, `/v1/backtests/${runId}/results`);
    const curve = full.equity_curve as Json[];
    const first = await getJson<Json>(h, `/v1/backtests/${runId}/results/equity_curve?offset=0&limit=100`);
    const second = await getJson<Json>(h, `/v1/backtests/${runId}/results/equity_curve?offset=100&limit=5000`);
    expect(first.res.status).toBe(200);
    expect(first.json).toMatchObject({ run_id: runId, section: "equity_curve", offset: 0, limit: 100, total: curve.length });
    expect([...(first.json.items as Json[]), ...(second.json.items as Json[])]).toEqual(curve);
    const beyond = await getJson<Json>(h, `/v1/backtests/${runId}/results/trades?offset=100000`);
    expect(beyond.json).toMatchObject({ items: [], offset: 100000, total: (full.trades as unknown[]).length });
  });

  it.each([
    ["limit=0", "limit"], ["limit=5001", "limit"], ["offset=-1", "offset"], ["offset=x", "offset"],
  ])("section query %s ⇒ 422 at query.%s", async (query, field) => {
    const { res: r, json } = await getJson<Json>(h, `/v1/backtests/${runId}/results/trades?${query}`);
    expect(r.status).toBe(422);
    expect((json.error as Json).code).toBe("validation_error");
    expect(((json.error as Json).details as Json[])[0].loc).toEqual(["query", field]);
  });

  it("an unknown section is a 422 on the path", async () => {
    const { res: r, json } = await getJson<Json>(h, `/v1/backtests/${runId}/results/nope`);
    expect(r.status).toBe(422);
    expect(((json.error as Json).details as Json[])[0].loc).toEqual(["path", "section"]);
  });

  it("stores a gap-free event log: queued, running, monotone progress ending at 1, completed last", async () => {
    const { json: events } = await getJson<RunEvent[]>(h, `/v1/backtests/${runId}/events?limit=1000`);
    expect(events.map((e) => e.event_id)).toEqual(events.map((_, i) => i + 1));
    expect(events.every((e) => e.run_id === runId && /Z$/.test(e.timestamp))).toBe(true);
    expect(events.filter((e) => e.type === "state").map((e) => e.payload)).toEqual([{ state: "queued" }, { state: "running" }, { state: "completed" }]);
    expect(events[0].payload).toEqual({ state: "queued" });
    expect(events[events.length - 1].payload).toEqual({ state: "completed" });
    const progress = events.filter((e) => e.type === "progress").map((e) => e.payload.progress as number);
    for (let i = 1; i < progress.length; i++) expect(progress[i]).toBeGreaterThan(progress[i - 1]);
    expect(progress[progress.length - 1]).toBe(1);
    expect(events[events.length - 2]).toMatchObject({ type: "progress", payload: { progress: 1 } });
    const metrics = events.filter((e) => e.type === "metric");
    expect(metrics.length).toBeGreaterThanOrEqual(1);
    const { json: result } = await getJson<Json>(h, `/v1/backtests/${runId}/results`);
    const curve = result.equity_curve as Json[];
    expect(metrics[metrics.length - 1].payload).toMatchObject({ timestamp: curve[curve.length - 1].timestamp, equity: curve[curve.length - 1].value });
    expect(events.some((e) => e.type === "log" && e.payload.level === "info")).toBe(true);
  });

  it("pages events with after and limit", async () => {
    const { json: page } = await getJson<RunEvent[]>(h, `/v1/backtests/${runId}/events?after=2&limit=3`);
    expect(page.map((e) => e.event_id)).toEqual([3, 4, 5]);
    const { json: dflt } = await getJson<RunEvent[]>(h, `/v1/backtests/${runId}/events`);
    expect(dflt.length).toBe(Math.min(100, dflt.length));
    expect(dflt[0].event_id).toBe(1);
    for (const bad of ["limit=0", "limit=1001", "after=-3"]) {
      expect((await getJson(h, `/v1/backtests/${runId}/events?${bad}`)).res.status).toBe(422);
    }
  });

  it("cancel of a completed run is 409 with state and error", async () => {
    const r = await h.request(`/v1/backtests/${runId}/cancel`, { method: "POST", headers: { "X-API-Key": AUTH["X-API-Key"] } });
    expect(r.status).toBe(409);
    expect(await r.json()).toMatchObject({ error: { code: "conflict", details: { state: "completed", error: null } } });
  });
});

describe("unknown runs", () => {
  const h = makeApp();
  const id = "00000000-0000-4000-8000-000000000000";
  it.each([
    ["GET", `/v1/backtests/${id}`], ["GET", `/v1/backtests/${id}/results`], ["GET", `/v1/backtests/${id}/results/trades`],
    ["GET", `/v1/backtests/${id}/events`], ["POST", `/v1/backtests/${id}/cancel`],
  ])("%s %s ⇒ 404 Run not found", async (method, path) => {
    const r = await h.request(path, { method, headers: { "X-API-Key": AUTH["X-API-Key"] } });
    expect(r.status).toBe(404);
    expect(await r.json()).toEqual({ error: { code: "not_found", message: "Run not found", details: null }, request_id: r.headers.get("x-request-id") });
  });

  it("legacy paths use the legacy body", async () => {
    const r = await h.request(`/backtests/${id}`, { headers: { "X-API-Key": AUTH["X-API-Key"] } });
    expect(r.status).toBe(404);
    expect(await r.json()).toEqual({ detail: "Run not found" });
  });
});

describe("cancel and the 409s of unfinished runs", () => {
  it("cancels a queued run behind two running ones; results are 409 while unfinished and after cancel", async () => {
    const gate = gatedProvider();
    const service = new RunService({ store: createInMemoryRunStore(), datasets: createInMemoryDatasetStore(), maxConcurrentRuns: 2, providerFor: () => gate.provider });
    const h = makeApp(undefined, { service });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push(String((await createRun(h, sampleBody({ seed: i }))).json.run_id));
    await waitForState(h, ids[0], ["running"]);
    await waitForState(h, ids[1], ["running"]);
    expect((await getJson<Json>(h, `/v1/backtests/${ids[2]}`)).json.state).toBe("queued");
    const running = await getJson<Json>(h, `/v1/backtests/${ids[1]}/results`);
    expect(running.res.status).toBe(409);
    expect(running.json.error).toEqual({ code: "conflict", message: "Result not available: the run is running", details: { state: "running", error: null } });

    for (const id of [ids[2], ids[0]]) {
      const r = await h.request(`/v1/backtests/${id}/cancel`, { method: "POST", headers: { "X-API-Key": AUTH["X-API-Key"] } });
      expect(r.status).toBe(200);
      expect(await r.json()).toMatchObject({ run_id: id, state: "cancelled", error: null, finished_at: expect.stringMatching(/Z$/) });
    }
    expect((await getJson<Json>(h, `/v1/backtests/${ids[2]}`)).json).toMatchObject({ state: "cancelled", started_at: null });
    const after = await getJson<Json>(h, `/v1/backtests/${ids[0]}/results`);
    expect(after.res.status).toBe(409);
    expect(after.json.error).toMatchObject({ details: { state: "cancelled", error: null } });
    const again = await h.request(`/v1/backtests/${ids[0]}/cancel`, { method: "POST", headers: { "X-API-Key": AUTH["X-API-Key"] } });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: { code: "conflict", details: { state: "cancelled", error: null } } });

    gate.open();
    await waitForState(h, ids[1], ["completed"]);
    await service.idle();
    const states = async (id: string) => {
      const { json: events } = await getJson<RunEvent[]>(h, `/v1/backtests/${id}/events?limit=1000`);
      expect(events.map((e) => e.event_id)).toEqual(events.map((_, i) => i + 1));
      return events.filter((e) => e.type === "state").map((e) => e.payload.state);
    };
    expect(await states(ids[0])).toEqual(["queued", "running", "cancelled"]);
    expect(await states(ids[1])).toEqual(["queued", "running", "completed"]);
    expect(await states(ids[2])).toEqual(["queued", "cancelled"]);
  });
});
