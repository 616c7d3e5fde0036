/**
 * An optimisation object evicted mid-run (every Durable Object aborted while trials are in
 * flight) is picked up by its watchdog alarm: the new attempt restores the stored trials, runs
 * only the rest, and the log continues without a gap.
 */
import { abortAllDurableObjects, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import { RESUMED_OPTIMIZATION_MESSAGE } from "../../../src/runs/optimizations/optimization-events.ts";
import {
  allOptimizationEvents, createOptimization, gateTrials, holdNewOptimizationsQueued, numbersUpTo, optimizationStub, trialsOf, waitForOptimization,
} from "./optimization-helpers.ts";
import type { TrialGate } from "./optimization-helpers.ts";
import { until } from "./run-helpers.ts";

const gates: TrialGate[] = [];

afterEach(() => {
  for (const gate of gates.splice(0)) gate.open();
  vi.restoreAllMocks();
});

describe("eviction mid-optimisation", () => {
  it("completes from the watchdog alarm without re-running a stored trial", async () => {
    holdNewOptimizationsQueued();
    const id = (await createOptimization()).json.optimization_id;
    const first = gateTrials(2);
    gates.push(first);
    void runDurableObjectAlarm(optimizationStub(id)).catch(() => undefined);
    await until(() => first.waiting === 2, "trials 3 and 4 to wait at the gate");
    const midway = await waitForOptimization(id, (s) => s.completed_trials === 2);
    expect(midway).toMatchObject({ state: "running", running_trials: 2 });
    const watchdog = await runInDurableObject(optimizationStub(id), (_instance, state) => state.storage.getAlarm());
    expect(watchdog).toBeGreaterThan(Date.now() + 20_000);
    const stored = await allOptimizationEvents(id);
    expect(trialsOf(stored).map((t) => t.number).sort()).toEqual([1, 2]);

    await abortAllDurableObjects();
    first.open();
    vi.restoreAllMocks();
    // The aborted attempt's trial calls fail with the abort; its writes are fenced off (and it logs them).
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const second = gateTrials(Number.POSITIVE_INFINITY);
    gates.push(second);

    // Stubs from before the abort are broken; the object comes back from storage.
    expect(await runDurableObjectAlarm(optimizationStub(id))).toBe(true);
    const final = await waitForOptimization(id, (s) => s.state !== "running");
    expect(final).toMatchObject({ state: "completed", completed_trials: 6, running_trials: 0, progress: 1, started_at: midway.started_at });
    expect([...second.started].sort()).toEqual([3, 4, 5, 6]);
    expect(await runInDurableObject(optimizationStub(id), (_instance, state) => state.storage.getAlarm())).toBeNull();

    const events = await allOptimizationEvents(id);
    expect(events.map((e) => e.event_id)).toEqual(numbersUpTo(events.length));
    expect(events.slice(0, stored.length)).toEqual(stored);
    expect(events.filter((e) => e.type === "state").map((e) => e.payload.state)).toEqual(["queued", "running", "completed"]);
    expect(events.filter((e) => e.type === "log" && e.payload.message === RESUMED_OPTIMIZATION_MESSAGE)).toHaveLength(1);
    expect(trialsOf(events).map((t) => t.number).sort()).toEqual(numbersUpTo(6));
  });
});
