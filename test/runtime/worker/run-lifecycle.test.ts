/**
 * Runs end to end through the Worker entry inside workerd: create (the run's object stores it and
 * sets its alarm), run the alarm, status, results and a section page, the events page, cancel of
 * a queued and of an executing run, and the answers for an unknown run.
 */
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { RunEvent, RunStatus } from "../../../src/runs/run-types.ts";
import {
  allEvents, authHeaders, createRun, getJson, holdNewRunsQueued, idsUpTo, pauseRunsAfterYields, runStub, sampleBody, slowBody, until, waitForStatus,
} from "./run-helpers.ts";
import { fetchWorker } from "./worker-client.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
type Json = Record<string, unknown>;

afterEach(() => {
  vi.restoreAllMocks();
});

const alarmOf = (runId: string) => runInDurableObject(runStub(runId), (_instance, state) => state.storage.getAlarm());
const states = (events: RunEvent[]) => events.filter((e) => e.type === "state").map((e) => e.payload.state);

function cancel(runId: string): Promise<Response> {
  return fetchWorker(`/v1/backtests/${runId}/cancel`, { method: "POST", headers: authHeaders() });
}

describe("a run on Workers from request to result", () => {
  it("answers 201 queued at once, runs from its alarm, and serves status, results, a section page and events", async () => {
    holdNewRunsQueued();
    const { res, json: created } = await createRun();
    expect(res.status).toBe(201);
    const runId = created.run_id;
    expect(runId).toMatch(UUID);
    expect(res.headers.get("location")).toBe(`/v1/backtests/${runId}`);
    expect(created).toEqual({ run_id: runId, state: "queued", progress: 0, created_at: expect.stringMatching(/Z$/), started_at: null, finished_at: null, error: null });
    expect(await alarmOf(runId)).toEqual(expect.any(Number));

    const early = await getJson<Json>(`/v1/backtests/${runId}/results`);
    expect(early.res.status).toBe(409);
    expect((early.json.error as Json).details).toEqual({ state: "queued", error: null });

    expect(await runDurableObjectAlarm(runStub(runId))).toBe(true);
    const { res: got, json: status } = await getJson<RunStatus>(`/v1/backtests/${runId}`);
    expect(got.status).toBe(200);
    expect(status).toMatchObject({ run_id: runId, state: "completed", progress: 1, error: null, created_at: created.created_at });
    expect(status.finished_at! >= status.started_at!).toBe(true);
    expect(await alarmOf(runId)).toBeNull();

    const { res: r, json: result } = await getJson<Json>(`/v1/backtests/${runId}/results`);
    expect(r.status).toBe(200);
    expect(result.run_id).toBe(runId);
    expect(r.headers.get("etag")).toBe(`"${String(result.content_hash)}"`);
    const curve = result.equity_curve as Json[];
    expect((result.sections as Record<string, Json>).equity_curve).toMatchObject({ total: curve.length, href: `/v1/backtests/${runId}/results/equity_curve` });

    const page = await getJson<Json>(`/v1/backtests/${runId}/results/equity_curve?offset=10&limit=25`);
    expect(page.res.status).toBe(200);
    expect(page.json).toEqual({ run_id: runId, section: "equity_curve", offset: 10, limit: 25, total: curve.length, items: curve.slice(10, 35) });

    const events = await allEvents(runId);
    expect(events.map((e) => e.event_id)).toEqual(idsUpTo(events.length));
    expect(events.every((e) => e.run_id === runId)).toBe(true);
    expect(states(events)).toEqual(["queued", "running", "completed"]);
    expect(events[events.length - 1].payload).toEqual({ state: "completed" });
    const window = await getJson<RunEvent[]>(`/v1/backtests/${runId}/events?after=2&limit=3`);
    expect(window.json).toEqual(events.slice(2, 5));
  });

  it("serves other calls while its alarm executes the engine (the session yields)", async () => {
    holdNewRunsQueued();
    const runId = (await createRun(slowBody())).json.run_id;
    let finished = false;
    const attempt = runDurableObjectAlarm(runStub(runId)).finally(() => (finished = true));
    const seen: RunStatus[] = [];
    while (!finished) {
      const { res, json } = await getJson<RunStatus>(`/v1/backtests/${runId}`);
      expect(res.status).toBe(200);
      seen.push(json);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    expect(await attempt).toBe(true);
    expect(seen.some((s) => s.state === "running" && s.progress > 0 && s.progress < 1)).toBe(true);
    expect(await runStub(runId).getStatus()).toMatchObject({ state: "completed", progress: 1 });
  });

  it("rejects data_source csv at request time (no file system on Workers)", async () => {
    const res = await fetchWorker("/v1/backtests", {
      method: "POST", headers: authHeaders({ "Content-Type": "application/json" }), body: JSON.stringify(sampleBody({ data_source: "csv" })),
    });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { code: string; details: { loc: unknown[] }[] } };
    expect(body.error.code).toBe("validation_error");
    expect(body.error.details[0].loc).toEqual(["body", "data_source"]);
  });
});

describe("cancel on Workers", () => {
  it("cancels a queued run: writes cancelled, deletes its alarm, then answers 409", async () => {
    holdNewRunsQueued();
    const runId = (await createRun()).json.run_id;
    const res = await cancel(runId);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ run_id: runId, state: "cancelled", progress: 0, started_at: null, finished_at: expect.stringMatching(/Z$/) });
    expect(await alarmOf(runId)).toBeNull();
    expect(states(await allEvents(runId))).toEqual(["queued", "cancelled"]);

    const again = await cancel(runId);
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: { code: "conflict", message: "Run already cancelled", details: { state: "cancelled", error: null } } });
    const results = await getJson<Json>(`/v1/backtests/${runId}/results`);
    expect(results.res.status).toBe(409);
    expect((results.json.error as Json).details).toEqual({ state: "cancelled", error: null });
  });

  it("cancels a run while its alarm executes it: the engine stops, nothing follows cancelled, the alarm is gone", async () => {
    holdNewRunsQueued();
    const runId = (await createRun(slowBody())).json.run_id;
    const probe = pauseRunsAfterYields(6);
    const attempt = runDurableObjectAlarm(runStub(runId));
    await until(() => probe.paused, "the run to be mid-simulation");
    await waitForStatus(runId, (s) => s.state === "running" && s.progress > 0);
    const res = await cancel(runId);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ run_id: runId, state: "cancelled", started_at: expect.stringMatching(/Z$/) });
    const events = await allEvents(runId);
    expect(states(events)).toEqual(["queued", "running", "cancelled"]);
    expect(events[events.length - 1].payload).toEqual({ state: "cancelled" });
    expect(events.map((e) => e.event_id)).toEqual(idsUpTo(events.length));

    probe.release();
    await attempt;
    expect(await allEvents(runId)).toEqual(events);
    expect(await runStub(runId).getStatus()).toMatchObject({ state: "cancelled" });
    expect(await alarmOf(runId)).toBeNull();
  });

  it("answers 409 for a completed run", async () => {
    holdNewRunsQueued();
    const runId = (await createRun()).json.run_id;
    await runDurableObjectAlarm(runStub(runId));
    const res = await cancel(runId);
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: { code: "conflict", details: { state: "completed", error: null } } });
  });
});

describe("an unknown run on Workers", () => {
  const unknown = "00000000-0000-4000-8000-00000000abcd";

  it.each([
    ["GET status", `/v1/backtests/${unknown}`, "GET"],
    ["GET results", `/v1/backtests/${unknown}/results`, "GET"],
    ["GET a section", `/v1/backtests/${unknown}/results/trades`, "GET"],
    ["GET events", `/v1/backtests/${unknown}/events`, "GET"],
    ["POST cancel", `/v1/backtests/${unknown}/cancel`, "POST"],
  ])("%s ⇒ 404 Run not found", async (_name, path, method) => {
    const res = await fetchWorker(path, { method, headers: authHeaders() });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: "not_found", message: "Run not found", details: null } });
  });

  it("leaves no storage behind in the object it asked", async () => {
    await fetchWorker(`/v1/backtests/${unknown}`, { headers: authHeaders() });
    const tables = await runInDurableObject(runStub(unknown), (_instance, state) =>
      state.storage.sql.exec<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_cf%' ESCAPE '\\'").toArray().map((r) => r.name),
    );
    expect(tables).toEqual([]);
  });
});
