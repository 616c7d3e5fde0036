/**
 * Interruptions never change the trials: a restart on the same SQLite file resumes without re-running
 * a stored trial, two executors racing over one store write each trial once (the fence), and a
 * bayesian search with concurrency 4 and random delays gives the same trials every time.
 */
import { afterAll, expect, it } from "vitest";
import { hashToUnit } from "../../../src/engine/util/prng.ts";
import { RESUMED_OPTIMIZATION_MESSAGE } from "../../../src/runs/optimizations/optimization-events.ts";
import { OptimizationService } from "../../../src/runs/optimizations/optimization-service.ts";
import { OptimizationSession } from "../../../src/runs/optimizations/optimization-session.ts";
import { readAllTrials } from "../../../src/runs/optimizations/optimization-store.ts";
import { createInMemoryOptimizationStore } from "../../../src/runs/optimizations/memory-optimization-store.ts";
import { createSqlOptimizationStore } from "../../../src/runs/sql/sql-optimization-store.ts";
import { openBetterSqlite3 } from "../../../src/runtime/sqlite/better-sqlite3-driver.ts";
import { CALLER, SyntheticEvaluator, allEvents, freshDbPath, optimizationRequest, removeDbFiles, waitFor, withoutTiming } from "./support.ts";

afterAll(removeDbFiles);

it("a service closed mid-run resumes on the same SQLite file without re-running a stored trial", async () => {
  const path = freshDbPath();
  const request = optimizationRequest({ strategy: "bayesian", max_trials: 12, concurrency: 2 });
  const firstDb = openBetterSqlite3(path);
  const firstEvaluator = new SyntheticEvaluator({ delayMs: (n) => (n <= 4 ? 2 : 60_000) });
  const first = new OptimizationService({ store: createSqlOptimizationStore(firstDb), evaluator: firstEvaluator });
  const { optimization_id: id } = await first.createOptimization(request, CALLER);
  await waitFor(() => firstEvaluator.calls.length === 6);
  const stored = await readAllTrials(first.store, id);
  expect(stored.map((t) => t.number)).toEqual([1, 2, 3, 4]);
  const before = await allEvents(first.store, id);
  expect(await first.getOptimization(id)).toMatchObject({ state: "running", running_trials: 2, completed_trials: 4 });
  await first.close();
  expect(firstEvaluator.aborted.sort()).toEqual([5, 6]);
  expect(await allEvents(first.store, id)).toEqual(before);
  firstDb.close();

  const secondDb = openBetterSqlite3(path);
  const secondEvaluator = new SyntheticEvaluator();
  const second = new OptimizationService({ store: createSqlOptimizationStore(secondDb), evaluator: secondEvaluator });
  expect(await second.resumeActive()).toEqual([id]);
  await second.idle();
  expect(await second.getOptimization(id)).toMatchObject({ state: "completed", completed_trials: 12, running_trials: 0, progress: 1 });
  expect(secondEvaluator.calls.sort((a, b) => a - b)).toEqual([5, 6, 7, 8, 9, 10, 11, 12]);
  const trials = await readAllTrials(second.store, id);
  expect(trials.map((t) => t.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  expect(trials.slice(0, 4)).toEqual(stored);

  const events = await allEvents(second.store, id);
  expect(events.map((e) => e.event_id)).toEqual(events.map((_, i) => i + 1));
  expect(events.slice(0, before.length)).toEqual(before);
  expect(events.filter((e) => e.type === "state").map((e) => e.payload.state)).toEqual(["queued", "running", "completed"]);
  expect(events.filter((e) => e.type === "log").map((e) => e.payload)).toEqual([{ level: "info", message: RESUMED_OPTIMIZATION_MESSAGE }]);
  await second.close();
  secondDb.close();

  const clean = new OptimizationService({ store: createInMemoryOptimizationStore(), evaluator: new SyntheticEvaluator() });
  const reference = await clean.createOptimization(request, CALLER);
  await clean.idle();
  expect(withoutTiming(trials)).toEqual(withoutTiming(await readAllTrials(clean.store, reference.optimization_id)));
});

it("two executors racing over one store: the later claim wins, every trial is stored once", async () => {
  const store = createInMemoryOptimizationStore();
  const service = new OptimizationService({ store, evaluator: new SyntheticEvaluator({ delayMs: () => 60_000 }) });
  const { optimization_id: id } = await service.createOptimization(optimizationRequest({ max_trials: 10, concurrency: 3 }), CALLER);
  const slowEvaluator = new SyntheticEvaluator({ delayMs: (n) => 5 + n });
  const errors: unknown[] = [];
  const deps = { store, clock: { wallIso: () => new Date().toISOString(), monotonic: () => performance.now() }, onInternalError: (_: string, e: unknown) => errors.push(e) };
  const a = new OptimizationSession({ ...deps, evaluator: slowEvaluator }, id);
  const b = new OptimizationSession({ ...deps, evaluator: new SyntheticEvaluator({ delayMs: () => 2 }) }, id);
  await service.close();
  const running = a.execute();
  await waitFor(() => slowEvaluator.calls.length >= 3);
  await Promise.all([running, b.execute()]);
  expect(errors).toEqual([]);
  expect(slowEvaluator.finished.length).toBeGreaterThan(0);
  expect((await readAllTrials(store, id)).map((t) => t.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  expect(await store.getStatus(id)).toMatchObject({ state: "completed", completed_trials: 10 });
  const states = (await allEvents(store, id)).filter((e) => e.type === "state").map((e) => e.payload.state);
  expect(states).toEqual(["queued", "running", "completed"]);
});

it("bayesian search with concurrency 4 and random delays proposes the same trials in every execution", async () => {
  const request = optimizationRequest({ strategy: "bayesian", max_trials: 16, concurrency: 4, random_seed: 11 });
  const execute = async (seed: number) => {
    const delays = Array.from({ length: 17 }, (_, n) => Math.floor(hashToUnit(seed, n) * 12));
    const evaluator = new SyntheticEvaluator({ delayMs: (n) => delays[n]! });
    const service = new OptimizationService({ store: createInMemoryOptimizationStore(), evaluator });
    const { optimization_id: id } = await service.createOptimization(request, CALLER);
    await service.idle();
    const finishOrder = (await allEvents(service.store, id)).filter((e) => e.type === "trial").map((e) => (e.payload.trial as { number: number }).number);
    return { trials: await readAllTrials(service.store, id), finishOrder, maxInFlight: evaluator.maxInFlight };
  };
  const one = await execute(1);
  const two = await execute(2);
  expect(one.finishOrder).not.toEqual(two.finishOrder);
  expect(one.maxInFlight).toBe(4);
  expect(one.trials.map((t) => t.number)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
  expect(one.trials.filter((t) => t.proposal.method === "tpe").length).toBeGreaterThan(0);
  expect(withoutTiming(two.trials)).toEqual(withoutTiming(one.trials));
});

it("OptimizationSession.cancel writes cancelled, publishes it and ends execute without recording in-flight trials", async () => {
  const store = createInMemoryOptimizationStore();
  const service = new OptimizationService({ store, evaluator: new SyntheticEvaluator() });
  const { optimization_id: id } = await service.createOptimization(optimizationRequest({ max_trials: 6, concurrency: 2 }), CALLER);
  await service.close();
  const before = await store.lastEventId(id);
  const published: number[] = [];
  const evaluator = new SyntheticEvaluator({ delayMs: (n) => (n <= 2 ? 1 : 60_000) });
  const clock = { wallIso: () => "2026-03-01T00:00:00.000Z", monotonic: () => 0 };
  const session = new OptimizationSession({ store, evaluator, clock, publish: (_id, events) => published.push(...events.map((e) => e.event_id)) }, id);
  const running = session.execute();
  await waitFor(() => evaluator.calls.length === 4);
  const done = await session.cancel();
  expect(done?.status).toMatchObject({ state: "cancelled", finished_at: "2026-03-01T00:00:00.000Z", running_trials: 0, completed_trials: 2 });
  await running;
  expect(evaluator.aborted.sort()).toEqual([3, 4]);
  expect(await store.trialCount(id)).toBe(2);
  const events = await allEvents(store, id);
  expect(published).toEqual(events.slice(before).map((e) => e.event_id));
  expect(events.filter((e) => e.type === "trial")).toHaveLength(2);
  expect(events[events.length - 1]!.payload).toEqual({ state: "cancelled" });
  expect(await session.cancel()).toBeNull();
});
