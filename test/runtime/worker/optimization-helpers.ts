/**
 * Helpers of the workerd optimisation suites: optimisations created through the Worker entry,
 * their objects reached through the bindings, alarms run on demand, and trials held at a gate.
 */
import { runDurableObjectAlarm } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expect, vi } from "vitest";
import type { TrialResult } from "../../../src/engine/optimize/types.ts";
import type { OptimizationEvent, OptimizationStatus } from "../../../src/runs/optimizations/optimization-types.ts";
import type { TrialJob } from "../../../src/runs/optimizations/trial-evaluator.ts";
import { OptimizationObject, TrialObject } from "../../../src/runtime/worker.ts";
import { authHeaders, sampleBody } from "./run-helpers.ts";
import { fetchWorker } from "./worker-client.ts";

const TERMINAL = ["completed", "failed", "cancelled"];

/** A quick grid: 6 `ma_crossover` trials over 2 sample symbols and 2 years, 2 at a time. */
export function optimizationBody(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: "worker grid",
    search_space: { parameters: [
      { name: "short_period", kind: "int_range", low: 3, high: 9 },
      { name: "long_period", kind: "choice", values: [20, 40] },
    ] },
    strategy: "grid", grid_steps: 3, max_trials: 6, concurrency: 2,
    objective_metric: "sharpe_ratio", direction: "maximize", validation_mode: "holdout", validation_fraction: 0.3,
    base_backtest: sampleBody({ start_date: "2021-01-01", end_date: "2023-01-01", benchmark_symbol: null }),
    ...extra,
  };
}

/** `POST /v1/optimizations` through the Worker. */
export async function createOptimization(body: Record<string, unknown> = optimizationBody()): Promise<{ res: Response; json: OptimizationStatus }> {
  const res = await fetchWorker("/v1/optimizations", { method: "POST", headers: authHeaders({ "Content-Type": "application/json" }), body: JSON.stringify(body) });
  return { res, json: (await res.json()) as OptimizationStatus };
}

/** A POST without a body through the Worker (cancel, resume). */
export async function postJson<T = Record<string, unknown>>(path: string): Promise<{ res: Response; json: T }> {
  const res = await fetchWorker(path, { method: "POST", headers: authHeaders() });
  return { res, json: (await res.json()) as T };
}

/** The optimisation's object. */
export function optimizationStub(id: string) {
  return env.OPTIMIZATIONS.get(env.OPTIMIZATIONS.idFromName(id));
}

/** Runs the object's alarm until the optimisation is terminal (the runtime may also fire it on its own). */
export async function settleOptimization(id: string, timeoutMs = 15_000): Promise<OptimizationStatus> {
  const stub = optimizationStub(id);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await runDurableObjectAlarm(stub);
    const status = (await stub.getStatus()) as OptimizationStatus | null;
    if (status !== null && TERMINAL.includes(status.state)) return status;
    if (Date.now() > deadline) expect.fail(`optimization ${id} stayed ${status?.state}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Polls the object until `predicate` holds for the status. */
export async function waitForOptimization(id: string, predicate: (s: OptimizationStatus) => boolean, timeoutMs = 15_000): Promise<OptimizationStatus> {
  const stub = optimizationStub(id);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = (await stub.getStatus()) as OptimizationStatus | null;
    if (status !== null && predicate(status)) return status;
    if (Date.now() > deadline) expect.fail(`optimization ${id} never matched; last ${JSON.stringify(status)}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Every stored event, through the Worker's events route. */
export async function allOptimizationEvents(id: string): Promise<OptimizationEvent[]> {
  const events: OptimizationEvent[] = [];
  for (;;) {
    const res = await fetchWorker(`/v1/optimizations/${id}/events?after=${events.length}&limit=1000`, { headers: authHeaders() });
    expect(res.status).toBe(200);
    const page = (await res.json()) as OptimizationEvent[];
    events.push(...page);
    if (page.length < 1000) return events;
  }
}

/** The trials of the `trial` events of a log, in log order. */
export const trialsOf = (events: OptimizationEvent[]): TrialResult[] => events.filter((e) => e.type === "trial").map((e) => e.payload.trial as TrialResult);

/** Makes new optimisations wait in `queued` until `runDurableObjectAlarm`. Undo with `vi.restoreAllMocks()`. */
export function holdNewOptimizationsQueued(): void {
  type Hook = { scheduleStart(): Promise<void> };
  vi.spyOn(OptimizationObject.prototype as unknown as Hook, "scheduleStart").mockImplementation(function (this: unknown) {
    return (this as { ctx: DurableObjectState }).ctx.storage.setAlarm(Date.now() + 3_600_000);
  });
}

/** Trials held before they start, and a count of every trial the trial objects began. */
export interface TrialGate {
  /** Trial numbers the objects began evaluating, in order (a number twice: it ran twice). */
  readonly started: number[];
  /** Trials waiting at the gate. */
  readonly waiting: number;
  /** Lets every held trial (and any later one) through. */
  open(): void;
}

/**
 * Holds every trial numbered above `passing` before it starts, until `open()`. Polls a flag rather
 * than waiting on the test's promise: the two run in different I/O contexts. Undo with
 * `vi.restoreAllMocks()` (open the gate first so held calls finish).
 */
export function gateTrials(passing: number): TrialGate {
  const original = TrialObject.prototype.evaluate;
  let opened = false;
  const gate = { started: [] as number[], waiting: 0, open: () => void (opened = true) };
  vi.spyOn(TrialObject.prototype, "evaluate").mockImplementation(async function (this: TrialObject, job: TrialJob, token: string) {
    if (job.spec.number > passing && !opened) {
      gate.waiting += 1;
      while (!opened) await new Promise((resolve) => setTimeout(resolve, 5));
      gate.waiting -= 1;
    }
    gate.started.push(job.spec.number);
    return original.call(this, job, token);
  });
  return gate;
}

/** The ids `1..n`. */
export function numbersUpTo(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i + 1);
}
