/**
 * A run object evicted mid-run (every Durable Object aborted while its alarm executes the engine)
 * resumes from its watchdog alarm: the run completes with the result a clean run gives, and its
 * event ids continue without a gap.
 */
import { abortAllDurableObjects, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { RunEvent } from "../../../src/runs/run-types.ts";
import { RESUMED_MESSAGE } from "../../../src/runs/run-session.ts";
import { allEvents, createRun, getJson, holdNewRunsQueued, idsUpTo, pauseRunsAfterYields, runStub, settleRun, slowBody, until, waitForStatus } from "./run-helpers.ts";

afterEach(() => {
  vi.restoreAllMocks();
});

const stateEvents = (events: RunEvent[]) => events.filter((e) => e.type === "state").map((e) => e.payload.state);

async function contentHash(runId: string): Promise<string> {
  const { res, json } = await getJson<{ content_hash: string }>(`/v1/backtests/${runId}/results`);
  expect(res.status).toBe(200);
  return json.content_hash;
}

describe("eviction mid-run", () => {
  it("resumes from the watchdog alarm with the clean run's content_hash and gap-free event ids", async () => {
    holdNewRunsQueued();
    const clean = (await createRun(slowBody())).json.run_id;
    await settleRun(clean);
    const cleanHash = await contentHash(clean);

    const evicted = (await createRun(slowBody())).json.run_id;
    const probe = pauseRunsAfterYields(8);
    // The first attempt never settles: it is frozen at the pause point until the abort discards it.
    void runDurableObjectAlarm(runStub(evicted)).catch(() => undefined);
    await until(() => probe.paused, "the first attempt to pause mid-run");
    const midway = await waitForStatus(evicted, (s) => s.state === "running" && s.progress > 0);
    expect(midway.progress).toBeLessThan(0.9);
    // The attempt re-armed a watchdog alarm before executing: it is what picks the run up again.
    const watchdog = await runInDurableObject(runStub(evicted), (_instance, state) => state.storage.getAlarm());
    expect(watchdog).toBeGreaterThan(Date.now() + 20_000);
    await abortAllDurableObjects();
    probe.restore();
    const stored = await allEvents(evicted);
    expect(stateEvents(stored)).toEqual(["queued", "running"]);

    // Stubs from before the abort are broken; the object itself comes back from storage.
    expect(await runDurableObjectAlarm(runStub(evicted))).toBe(true);
    const final = await waitForStatus(evicted, (s) => s.state !== "running");
    expect(final).toMatchObject({ state: "completed", progress: 1, error: null, started_at: midway.started_at });
    expect(await contentHash(evicted)).toBe(cleanHash);
    expect(await runInDurableObject(runStub(evicted), (_instance, state) => state.storage.getAlarm())).toBeNull();

    const events = await allEvents(evicted);
    expect(events.map((e) => e.event_id)).toEqual(idsUpTo(events.length));
    expect(events.slice(0, stored.length)).toEqual(stored);
    expect(stateEvents(events)).toEqual(["queued", "running", "completed"]);
    expect(events.filter((e) => e.type === "log" && e.payload.message === RESUMED_MESSAGE)).toHaveLength(1);
    const progress = events.filter((e) => e.type === "progress").map((e) => Number(e.payload.progress));
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress[progress.length - 1]).toBe(1);
  });
});
