/**
 * Optimisations on Workers through the Worker entry: create → execute from the object's alarm
 * (trials on trial objects) → status, events and results; live counts mid-run; cancel mid-run →
 * resume → continuous trial numbers with no duplicate; unknown ids.
 */
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { TrialResult } from "../../../src/engine/optimize/types.ts";
import type { OptimizationStatus } from "../../../src/runs/optimizations/optimization-types.ts";
import { OPTIMIZATION_INDEX_NAME } from "../../../src/runtime/worker/optimization-index-object.ts";
import {
  allOptimizationEvents, createOptimization, gateTrials, holdNewOptimizationsQueued, numbersUpTo, optimizationStub, postJson, settleOptimization,
  trialsOf, waitForOptimization,
} from "./optimization-helpers.ts";
import type { TrialGate } from "./optimization-helpers.ts";
import { getJson, until } from "./run-helpers.ts";
import { fetchWorker } from "./worker-client.ts";
import { runDurableObjectAlarm } from "cloudflare:test";

let gate: TrialGate | null = null;

afterEach(() => {
  gate?.open();
  gate = null;
  vi.restoreAllMocks();
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const comparable = (trials: TrialResult[]) => trials.map(({ duration_ms: _d, ...rest }) => rest);
const indexState = (id: string) => env.OPTIMIZATION_INDEX.get(env.OPTIMIZATION_INDEX.idFromName(OPTIMIZATION_INDEX_NAME)).stateOf(id);

describe("an optimisation on Workers", async () => {
  const created = await createOptimization();
  const id = created.json.optimization_id;
  const final = await settleOptimization(id);
  const events = await allOptimizationEvents(id);

  it("is created queued with its Location and trial budget", () => {
    expect(created.res.status).toBe(201);
    expect(created.res.headers.get("location")).toBe(`/v1/optimizations/${id}`);
    expect(id).toMatch(UUID);
    expect(created.json).toMatchObject({
      state: "queued", progress: 0, name: "worker grid", search_method: "grid", total_trials: 6, completed_trials: 0, failed_trials: 0,
      running_trials: 0, best_trial: null, started_at: null, finished_at: null, error: null,
    });
  });

  it("completes with every trial counted and the best one", () => {
    expect(final).toMatchObject({ state: "completed", progress: 1, total_trials: 6, completed_trials: 6, failed_trials: 0, running_trials: 0, error: null });
    expect(final.started_at).not.toBeNull();
    expect(final.finished_at).not.toBeNull();
    const trials = trialsOf(events);
    const best = trials.reduce((a, b) => ((b.objective ?? -Infinity) > (a.objective ?? -Infinity) ? b : a));
    expect(final.best_trial?.number).toBe(best.number);
  });

  it("logs gap-free events: queued, running, a trial and a progress per trial, completed last", () => {
    expect(events.map((e) => e.event_id)).toEqual(numbersUpTo(events.length));
    expect(events.filter((e) => e.type === "state").map((e) => e.payload.state)).toEqual(["queued", "running", "completed"]);
    expect(events[events.length - 1].payload).toEqual({ state: "completed" });
    expect(trialsOf(events).map((t) => t.number).sort((a, b) => a - b)).toEqual(numbersUpTo(6));
    const progress = events.filter((e) => e.type === "progress");
    expect(progress).toHaveLength(6);
    expect(progress[5].payload).toMatchObject({ progress: 1, total_trials: 6, completed_trials: 6, failed_trials: 0, running_trials: 0 });
    expect(events.filter((e) => e.type === "best").length).toBeGreaterThanOrEqual(1);
  });

  it("serves the result (streamed from the object) with the trials of the log and an ETag", async () => {
    const res = await fetchWorker(`/v1/optimizations/${id}/results`, { headers: { "X-API-Key": env.GLOWBACK_API_KEY } });
    expect(res.status).toBe(200);
    const etag = res.headers.get("etag");
    expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
    const result = (await res.json()) as { trials: TrialResult[]; best_trial: TrialResult; manifest: { trial_count: number } };
    expect(result.trials).toEqual([...trialsOf(events)].sort((a, b) => a.number - b.number));
    expect(result.best_trial).toEqual(final.best_trial);
    expect(result.manifest.trial_count).toBe(6);
    const again = await fetchWorker(`/v1/optimizations/${id}/results`, { headers: { "X-API-Key": env.GLOWBACK_API_KEY, "If-None-Match": etag! } });
    expect(again.status).toBe(304);
  });

  it("is reported to the index as completed", async () => {
    await until(async () => (await indexState(id)) === "completed", "the index to hear of the completion");
  });
});

describe("live counts and cancel → resume", () => {
  it("shows running counts mid-run, cancels promptly, resumes without re-running a stored trial", async () => {
    holdNewOptimizationsQueued();
    const id = (await createOptimization()).json.optimization_id;
    gate = gateTrials(2);
    const stub = optimizationStub(id);
    void runDurableObjectAlarm(stub).catch(() => undefined);
    await until(() => gate!.waiting === 2, "trials 3 and 4 to wait at the gate");
    const midway = await waitForOptimization(id, (s) => s.completed_trials === 2);
    expect(midway).toMatchObject({ state: "running", completed_trials: 2, failed_trials: 0, running_trials: 2, progress: 2 / 6 });
    const { res: live, json: viaWorker } = await getJson<OptimizationStatus>(`/v1/optimizations/${id}`);
    expect(live.status).toBe(200);
    expect(viaWorker).toMatchObject({ state: "running", completed_trials: 2, running_trials: 2 });

    const before = Date.now();
    const cancelled = await postJson<OptimizationStatus>(`/v1/optimizations/${id}/cancel`);
    expect(Date.now() - before).toBeLessThan(1_000);
    expect(cancelled.res.status).toBe(200);
    expect(cancelled.json).toMatchObject({ state: "cancelled", running_trials: 0, completed_trials: 2 });
    gate.open();
    // The abandoned trials finish on their objects, but nothing more is recorded.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const atCancel = await allOptimizationEvents(id);
    expect(trialsOf(atCancel).map((t) => t.number).sort()).toEqual([1, 2]);
    expect(atCancel[atCancel.length - 1].payload).toEqual({ state: "cancelled" });
    expect((await postJson(`/v1/optimizations/${id}/cancel`)).res.status).toBe(409);

    const started = gate.started.length;
    const resumed = await postJson<OptimizationStatus>(`/v1/optimizations/${id}/resume`);
    expect(resumed.res.status).toBe(200);
    expect(resumed.json).toMatchObject({ state: "queued", completed_trials: 2, finished_at: null });
    const final = await settleOptimization(id);
    expect(final).toMatchObject({ state: "completed", completed_trials: 6, running_trials: 0, progress: 1 });
    const events = await allOptimizationEvents(id);
    expect(events.map((e) => e.event_id)).toEqual(numbersUpTo(events.length));
    expect(events.slice(0, atCancel.length)).toEqual(atCancel);
    expect(events.filter((e) => e.type === "state").map((e) => e.payload.state)).toEqual(["queued", "running", "cancelled", "queued", "running", "completed"]);
    const numbers = trialsOf(events).map((t) => t.number);
    expect([...numbers].sort((a, b) => a - b)).toEqual(numbersUpTo(6));
    // After the resume only trials 3..6 ran.
    expect(gate.started.slice(started).sort()).toEqual([3, 4, 5, 6]);

    const { json: result } = await getJson<{ trials: TrialResult[] }>(`/v1/optimizations/${id}/results`);
    expect(result.trials.map((t) => t.number)).toEqual(numbersUpTo(6));
    const clean = (await createOptimization()).json.optimization_id;
    vi.restoreAllMocks();
    await settleOptimization(clean);
    const { json: cleanResult } = await getJson<{ trials: TrialResult[] }>(`/v1/optimizations/${clean}/results`);
    expect(comparable(result.trials)).toEqual(comparable(cleanResult.trials));
  });

  it("cancels a queued optimisation and drops its start alarm", async () => {
    holdNewOptimizationsQueued();
    const id = (await createOptimization()).json.optimization_id;
    const cancelled = await postJson<OptimizationStatus>(`/v1/optimizations/${id}/cancel`);
    expect(cancelled.json).toMatchObject({ state: "cancelled", completed_trials: 0 });
    expect(await runDurableObjectAlarm(optimizationStub(id))).toBe(false);
    expect((await postJson(`/v1/optimizations/${id}/resume`)).res.status).toBe(200);
  });

  it("refuses to resume an optimisation that is not cancelled or failed", async () => {
    const id = (await createOptimization()).json.optimization_id;
    await settleOptimization(id);
    const { res, json } = await postJson<{ error: { code: string; details: { state: string } } }>(`/v1/optimizations/${id}/resume`);
    expect(res.status).toBe(409);
    expect(json.error).toMatchObject({ code: "conflict", details: { state: "completed" } });
  });
});

describe("unknown optimisation", () => {
  const unknown = crypto.randomUUID();

  it.each([
    ["GET", ""],
    ["GET", "/results"],
    ["GET", "/events"],
    ["POST", "/cancel"],
    ["POST", "/resume"],
  ])("%s %s answers 404 Optimization not found", async (method, rest) => {
    const res = await fetchWorker(`/v1/optimizations/${unknown}${rest}`, { method, headers: { "X-API-Key": env.GLOWBACK_API_KEY } });
    expect(res.status).toBe(404);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error).toMatchObject({ code: "not_found", message: "Optimization not found" });
  });

  it("never creates storage for it", async () => {
    expect(await optimizationStub(unknown).getStatus()).toBeNull();
    expect(await runDurableObjectAlarm(optimizationStub(unknown))).toBe(false);
  });
});
