/**
 * Helpers of the workerd run suites: runs created through the Worker entry, their objects reached
 * through the bindings, and alarms run on demand.
 */
import { runDurableObjectAlarm } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expect, vi } from "vitest";
import type { RunEvent, RunStatus } from "../../../src/runs/run-types.ts";
import type { SessionClock } from "../../../src/runs/run-session.ts";
import { RunObject } from "../../../src/runtime/worker.ts";
import { createWorkerClock } from "../../../src/runtime/worker/worker-clock.ts";
import { fetchWorker } from "./worker-client.ts";

/** Headers with the suite's key. */
export function authHeaders(extra: Record<string, string> = {}): Record<string, string> {
  return { "X-API-Key": env.GLOWBACK_API_KEY, ...extra };
}

/** A small, fast sample-data backtest body. */
export function sampleBody(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    symbols: ["AAPL", "MSFT"], start_date: "2022-01-01", end_date: "2023-01-01", data_source: "sample",
    strategy: { name: "ma_crossover", params: { short_period: 5, long_period: 20 } }, benchmark_symbol: "SPY", ...extra,
  };
}

/** A body whose run takes a while (minute bars over months). */
export function slowBody(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return sampleBody({ symbols: ["AAPL", "MSFT", "NVDA"], resolution: "minute", start_date: "2022-01-01", end_date: "2022-04-01", benchmark_symbol: null, ...extra });
}

/** `POST /v1/backtests` through the Worker; returns the response and its JSON. */
export async function createRun(body: Record<string, unknown> = sampleBody()): Promise<{ res: Response; json: RunStatus }> {
  const res = await fetchWorker("/v1/backtests", { method: "POST", headers: authHeaders({ "Content-Type": "application/json" }), body: JSON.stringify(body) });
  return { res, json: (await res.json()) as RunStatus };
}

/** GET through the Worker with the key; the response and its parsed JSON. */
export async function getJson<T = Record<string, unknown>>(path: string, headers: Record<string, string> = {}): Promise<{ res: Response; json: T }> {
  const res = await fetchWorker(path, { headers: authHeaders(headers) });
  const text = await res.text();
  return { res, json: (text === "" ? null : JSON.parse(text)) as T };
}

/** The run's object. */
export function runStub(runId: string) {
  return env.RUNS.get(env.RUNS.idFromName(runId));
}

/** Runs the object's alarm until the run is terminal (the runtime may also fire it on its own). */
export async function settleRun(runId: string, timeoutMs = 15_000): Promise<RunStatus> {
  const stub = runStub(runId);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await runDurableObjectAlarm(stub);
    const status = await stub.getStatus();
    if (status !== null && ["completed", "failed", "cancelled"].includes(status.state)) return status as RunStatus;
    if (Date.now() > deadline) expect.fail(`run ${runId} stayed ${status?.state}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Makes new runs wait in `queued`: their start alarm is set an hour ahead, so only
 * `runDurableObjectAlarm` (or a cancel) moves them. Undo with `vi.restoreAllMocks()`.
 */
export function holdNewRunsQueued(): void {
  type Hook = { scheduleStart(): Promise<void> };
  vi.spyOn(RunObject.prototype as unknown as Hook, "scheduleStart").mockImplementation(function (this: unknown) {
    return (this as { ctx: DurableObjectState }).ctx.storage.setAlarm(Date.now() + 3_600_000);
  });
}

/** Polls the run's object until `predicate` holds for its status. */
export async function waitForStatus(runId: string, predicate: (status: RunStatus) => boolean, timeoutMs = 15_000): Promise<RunStatus> {
  const stub = runStub(runId);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = (await stub.getStatus()) as RunStatus | null;
    if (status !== null && predicate(status)) return status;
    if (Date.now() > deadline) expect.fail(`run ${runId} never matched; last ${JSON.stringify(status)}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Every stored event of a run, through the Worker's events route. */
export async function allEvents(runId: string): Promise<RunEvent[]> {
  const events: RunEvent[] = [];
  for (;;) {
    const { res, json } = await getJson<RunEvent[]>(`/v1/backtests/${runId}/events?after=${events.length}&limit=1000`);
    expect(res.status).toBe(200);
    events.push(...json);
    if (json.length < 1000) return events;
  }
}

/** The ids `1..n` (what a gap-free log of `n` events holds). */
export function idsUpTo(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i + 1);
}

/** A run attempt paused inside the engine by `pauseRunsAfterYields`. */
export interface PauseProbe {
  /** True once an attempt reached the pause point. */
  readonly paused: boolean;
  /** Lets the paused attempt go on. */
  release(): void;
  /** Gives later attempts the real clock again (and leaves other mocks, such as the quiet console, alone). */
  restore(): void;
}

/**
 * Makes every run attempt stop at its `yields`-th engine yield (mid-simulation) until
 * `release()`, as if the object were frozen there (the object still serves other calls). Undo
 * with `vi.restoreAllMocks()`.
 */
export function pauseRunsAfterYields(yields: number): PauseProbe {
  let released = false;
  type Hook = { sessionClock(): SessionClock };
  const spy = vi.spyOn(RunObject.prototype as unknown as Hook, "sessionClock");
  const probe = { paused: false, release: () => void (released = true), restore: () => spy.mockRestore() };
  spy.mockImplementation(() => {
    const clock = createWorkerClock();
    let count = 0;
    return {
      ...clock,
      yieldControl: () => {
        if (++count < yields) return clock.yieldControl();
        probe.paused = true;
        // Polls a flag rather than waiting on the test's promise: the two run in different I/O contexts.
        return new Promise<void>((resolve) => {
          const check = () => (released ? resolve() : void setTimeout(check, 5));
          check();
        });
      },
    };
  });
  return probe;
}

/** Resolves once `condition()` holds (fails after `timeoutMs`). */
export async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) expect.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
