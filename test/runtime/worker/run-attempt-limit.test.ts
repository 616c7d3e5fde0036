/**
 * A run whose every attempt is cut off (as by the Workers CPU limit, which stops the engine at the
 * same point each time) is not retried forever: after `MAX_RUN_ATTEMPTS` attempts its next alarm
 * fails it with a message that names the limit, and the object stops arming alarms.
 */
import { abortAllDurableObjects, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import { MAX_RUN_ATTEMPTS, attemptsExhaustedMessage } from "../../../src/runtime/worker/run-object.ts";
import { RESUMED_MESSAGE } from "../../../src/runs/run-session.ts";
import { allEvents, createRun, getJson, holdNewRunsQueued, idsUpTo, pauseRunsAfterYields, runStub, slowBody, until, waitForStatus } from "./run-helpers.ts";

afterEach(() => {
  vi.restoreAllMocks();
});

/** Starts one attempt, lets it reach the middle of the engine, then evicts every object. */
async function cutOffOneAttempt(runId: string): Promise<void> {
  const probe = pauseRunsAfterYields(4);
  void runDurableObjectAlarm(runStub(runId)).catch(() => undefined);
  await until(() => probe.paused, "the attempt to pause mid-run");
  await abortAllDurableObjects();
  probe.restore();
}

describe("a run that never finishes an attempt", () => {
  it(`fails after ${MAX_RUN_ATTEMPTS} cut-off attempts, with the reason, and arms no more alarms`, async () => {
    holdNewRunsQueued();
    const runId = (await createRun(slowBody())).json.run_id;
    for (let attempt = 1; attempt <= MAX_RUN_ATTEMPTS; attempt++) await cutOffOneAttempt(runId);
    expect((await waitForStatus(runId, () => true)).state).toBe("running");

    expect(await runDurableObjectAlarm(runStub(runId))).toBe(true);
    const final = await waitForStatus(runId, (s) => s.state !== "running");
    expect(final).toMatchObject({ state: "failed", error: attemptsExhaustedMessage(MAX_RUN_ATTEMPTS) });
    expect(final.error).toContain("cpu_ms");
    expect(await runInDurableObject(runStub(runId), (_instance, state) => state.storage.getAlarm())).toBeNull();

    const { res, json } = await getJson<{ error: { code: string } }>(`/v1/backtests/${runId}/results`);
    expect(res.status).toBe(409);
    expect(json.error.code).toBe("conflict");
    const events = await allEvents(runId);
    expect(events.map((e) => e.event_id)).toEqual(idsUpTo(events.length));
    expect(events.filter((e) => e.type === "state").map((e) => e.payload.state)).toEqual(["queued", "running", "failed"]);
    // Every attempt after the first logged its resume; the give-up attempt did not execute.
    expect(events.filter((e) => e.type === "log" && e.payload.message === RESUMED_MESSAGE)).toHaveLength(MAX_RUN_ATTEMPTS - 1);
  });

  it("leaves a run that was cut off once to complete as before", async () => {
    holdNewRunsQueued();
    const runId = (await createRun(slowBody())).json.run_id;
    await cutOffOneAttempt(runId);
    expect(await runDurableObjectAlarm(runStub(runId))).toBe(true);
    expect(await waitForStatus(runId, (s) => s.state !== "running")).toMatchObject({ state: "completed", error: null });
  });
});
