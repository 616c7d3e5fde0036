/**
 * Faults lose nothing (issue 4 §6), on a real server: a run is started on a SQLite file, the
 * server's process group is SIGKILLed while the run is clearly mid-way, and a new server on the
 * same `GLOWBACK_DATA_DIR` completes it — with the content hash of a clean run of the same
 * request, event ids 1..N without gap or repeat, progress monotone across the crash, exactly one
 * terminal state, and a stream cut by the crash resumable with `last_event_id`.
 */
import { randomUUID } from "node:crypto";
import { afterAll, expect, it } from "vitest";
import { RESUMED_OPTIMIZATION_MESSAGE } from "../../../src/runs/optimizations/optimization-events.ts";
import { RESUMED_MESSAGE } from "../../../src/runs/run-session.ts";
import { parseJsonLines } from "../../support/audit-lines.ts";
import type { HostOptions } from "../../support/host-servers.ts";
import { removeScratchDir } from "../../support/host-servers.ts";
import { readStreamUntil, readWebSocketStream } from "../../support/event-streams.ts";
import { slowOptimizationBody } from "../../support/optimization-bodies.ts";
import { longRunBody } from "../../support/run-bodies.ts";
import type { WireEvent } from "../../support/run-http.ts";
import { RunHttp } from "../../support/run-http.ts";
import { expectCompletedLog, progressOf } from "../../support/run-log-checks.ts";
import type { RunningServer, ServerSpec } from "../../support/server-process.ts";
import { startServer } from "../../support/server-process.ts";

/**
 * Progress spans loading (to 0.05), the simulation (to 0.95) and building the result (to 1). The
 * simulation is the short part of this run (~15 % of its time), so the server is killed at its
 * first simulation progress event: the kill lands inside the simulation, or on a loaded machine
 * while the result is being built — mid-run either way, which the test checks.
 */
const SIMULATION_START = 0.05;

/** Registers the crash test of one local host. */
export function crashContract(spec: (options: HostOptions) => ServerSpec): void {
  const apiKey = `crash-${randomUUID()}`;
  // One spec: the restart reuses its GLOWBACK_DATA_DIR (SQLite is the default storage).
  const serverSpec = spec({ apiKey });
  let server: RunningServer | undefined;

  afterAll(async () => {
    await server?.stop();
    removeScratchDir(serverSpec);
  });

  it("a SIGKILLed server completes the run after a restart, as a clean run would", async () => {
    const current = () => server ?? expect.fail("no server");
    server = await startServer(serverSpec);
    const http = new RunHttp(() => current().baseUrl, apiKey);
    const { runId } = await http.create(longRunBody());
    // A live subscriber sees a progress event as soon as it is stored; the kill follows at once.
    const beforeKill = await readStreamUntil(http.url(`/v1/backtests/${runId}/stream`), { "X-API-Key": apiKey }, (e) => e.type === "progress" && (e.payload.progress as number) > SIMULATION_START);
    await current().kill();

    server = await startServer(serverSpec);
    const resumedLine = parseJsonLines(current().stdout()).find((line) => line.event === "runs_resumed");
    expect(resumedLine).toMatchObject({ count: 1, run_ids: runId });
    // The client resumes its stream where it was cut off, live while the run resumes.
    const lastSeen = beforeKill[beforeKill.length - 1].event_id;
    const rest = readWebSocketStream(http.url(`/v1/backtests/${runId}/stream?last_event_id=${lastSeen}`), { "X-API-Key": apiKey });
    // The clean run of the same request runs beside the resumed one.
    const clean = await http.create(longRunBody());
    expect(await http.waitForState(runId, ["completed", "failed"])).toMatchObject({ state: "completed", progress: 1, error: null });
    expect(await http.waitForState(clean.runId, ["completed", "failed"])).toMatchObject({ state: "completed" });

    const events = await http.allEvents(runId);
    expectCompletedLog(events, runId);
    // What was stored before the kill survives unchanged, and the log continues after it.
    expect(events.slice(0, beforeKill.length)).toEqual(beforeKill);
    expect(await rest).toMatchObject({ status: 101, code: 1000, events: events.slice(beforeKill.length) });
    expectResumedMidway(events);
    const metricTimes = events.filter((e) => e.type === "metric").map((e) => String(e.payload.timestamp));
    expect(new Set(metricTimes).size).toBe(metricTimes.length);
    expect(await http.contentHash(runId)).toBe(await http.contentHash(clean.runId));
  }, 60_000);

  it("a SIGKILLed server finishes an optimisation after a restart: no trial lost, none stored twice, the trials of a clean search", async () => {
    const current = () => server ?? expect.fail("no server");
    server ??= await startServer(serverSpec);
    const http = new RunHttp(() => current().baseUrl, apiKey);
    const key = { "X-API-Key": apiKey };
    const create = async () => String((await http.call("/v1/optimizations", { body: slowOptimizationBody() })).json.optimization_id);
    const id = await create();
    // Killed as soon as the third trial is stored: the search is clearly mid-way.
    const beforeKill = await readStreamUntil(http.url(`/v1/optimizations/${id}/stream`), key, (e) => e.type === "progress" && (e.payload.completed_trials as number) + (e.payload.failed_trials as number) >= 3);
    await current().kill();

    server = await startServer(serverSpec);
    expect(parseJsonLines(current().stdout()).find((line) => line.event === "optimizations_resumed")).toMatchObject({ count: 1, optimization_ids: id });
    const clean = await create();
    const waitDone = async (oid: string) => {
      const deadline = Date.now() + 90_000;
      for (;;) {
        const { json } = await http.call(`/v1/optimizations/${oid}`);
        if (json.state === "completed" || json.state === "failed") return json;
        if (Date.now() > deadline) expect.fail(`optimization ${oid} stayed ${JSON.stringify(json)}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    expect(await waitDone(id)).toMatchObject({ state: "completed", progress: 1 });
    expect(await waitDone(clean)).toMatchObject({ state: "completed" });

    const events: WireEvent[] = (await http.call<WireEvent[]>(`/v1/optimizations/${id}/events?limit=1000`)).json;
    expect(events.map((e) => e.event_id)).toEqual(events.map((_, i) => i + 1));
    expect(events.slice(0, beforeKill.length)).toEqual(beforeKill);
    expect(events.filter((e) => e.type === "log" && e.payload.message === RESUMED_OPTIMIZATION_MESSAGE)).toHaveLength(1);
    const stored = events.filter((e) => e.type === "trial").map((e) => (e.payload.trial as { number: number }).number);
    expect([...stored].sort((a, b) => a - b)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    type Trial = { number: number; parameters: unknown; objective: number | null; metrics: unknown };
    const trialsOf = async (oid: string) =>
      (await http.call<{ trials: Trial[] }>(`/v1/optimizations/${oid}/results`)).json.trials.map(({ number, parameters, objective, metrics }) => ({ number, parameters, objective, metrics }));
    expect(await trialsOf(id)).toEqual(await trialsOf(clean));
  }, 120_000);
}

/** One resume log line, after progress stored mid-run (past loading, before 1), and progress up to 1 after it. */
function expectResumedMidway(events: readonly WireEvent[]): void {
  const resumedAt = events.findIndex((e) => e.type === "log" && e.payload.message === RESUMED_MESSAGE);
  expect(resumedAt).toBeGreaterThan(0);
  expect(events.filter((e) => e.type === "log" && e.payload.message === RESUMED_MESSAGE)).toHaveLength(1);
  const before = progressOf(events.slice(0, resumedAt));
  const after = progressOf(events.slice(resumedAt));
  expect(before[before.length - 1]).toBeGreaterThan(SIMULATION_START);
  expect(before[before.length - 1]).toBeLessThan(1);
  expect(after.length).toBeGreaterThan(1);
  expect(after[after.length - 1]).toBe(1);
}
