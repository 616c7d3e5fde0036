/**
 * `OptimizationService` with a synthetic evaluator over the memory and SQLite stores: a full run,
 * live status, cancel, resume, the result and its ETag, and the service's outcomes.
 */
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { buildOptimizationResult, createOptimizer } from "../../../src/engine/index.ts";
import type { TrialResult } from "../../../src/engine/index.ts";
import { OptimizationService } from "../../../src/runs/optimizations/optimization-service.ts";
import type { OptimizationStore } from "../../../src/runs/optimizations/optimization-store.ts";
import { readAllTrials } from "../../../src/runs/optimizations/optimization-store.ts";
import { CALLER, STORE_KINDS, SyntheticEvaluator, allEvents, gate, optimizationRequest, removeDbFiles, servedResult, sha256, waitFor, withoutTiming } from "./support.ts";

afterAll(removeDbFiles);

for (const kind of STORE_KINDS) {
  describe(`OptimizationService over the ${kind.name} store`, () => {
    let opened: { store: OptimizationStore; close(): void };
    let service: OptimizationService;
    const start = (evaluator: SyntheticEvaluator) => {
      opened = kind.open();
      service = new OptimizationService({ store: opened.store, evaluator });
      return service;
    };
    afterEach(async () => {
      await service.close();
      opened.close();
    });

    it("runs an optimisation to completion with a gap-free log, live counts and a streamed result", async () => {
      const request = optimizationRequest();
      const later = gate();
      const evaluator = new SyntheticEvaluator({ delayMs: (n) => 3 + (n % 3) * 4, failing: (n) => n === 5, hold: (n) => (n >= 6 ? later.wait : undefined) });
      start(evaluator);
      const created = await service.createOptimization(request, CALLER);
      expect(created).toMatchObject({ state: "queued", name: "synthetic", search_method: "random", objective_metric: "sharpe_ratio", direction: "maximize", total_trials: 12, completed_trials: 0, running_trials: 0, best_trial: null, progress: 0 });
      const id = created.optimization_id;
      expect(id).toMatch(/^[0-9a-f-]{36}$/);

      await waitFor(() => evaluator.calls.length === 8);
      const live = (await service.getOptimization(id))!;
      expect(live).toMatchObject({ state: "running", completed_trials: 4, failed_trials: 1, running_trials: 3, progress: 5 / 12 });
      expect(live.best_trial).toEqual((await readAllTrials(opened.store, id)).filter((t) => t.objective !== null).sort((a, b) => b.objective! - a.objective! || a.number - b.number)[0]);
      expect((await service.optimizationResult(id)).kind).toBe("not_ready");
      later.open();

      await service.idle();
      const status = (await service.getOptimization(id))!;
      expect(status).toMatchObject({ state: "completed", progress: 1, total_trials: 12, completed_trials: 11, failed_trials: 1, running_trials: 0, error: null });
      const trials = await readAllTrials(opened.store, id);
      expect(trials.map((t) => t.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
      expect(trials[4]).toMatchObject({ status: "failed", objective: null, error: "synthetic failure" });

      const events = await allEvents(opened.store, id);
      expect(events.map((e) => e.event_id)).toEqual(events.map((_, i) => i + 1));
      expect(events.filter((e) => e.type === "state").map((e) => e.payload.state)).toEqual(["queued", "running", "completed"]);
      const trialEvents = events.filter((e) => e.type === "trial").map((e) => e.payload.trial as TrialResult);
      expect([...trialEvents].sort((a, b) => a.number - b.number)).toEqual(trials);
      const bests = events.filter((e) => e.type === "best").map((e) => (e.payload.best_trial as TrialResult).objective!);
      expect(bests.length).toBeGreaterThanOrEqual(1);
      for (let i = 1; i < bests.length; i++) expect(bests[i]).toBeGreaterThanOrEqual(bests[i - 1]);
      expect(status.best_trial).toEqual(events.filter((e) => e.type === "best").pop()!.payload.best_trial);
      const progress = events.filter((e) => e.type === "progress").map((e) => e.payload);
      expect(progress).toHaveLength(12);
      expect(progress[11]).toEqual({ progress: 1, total_trials: 12, completed_trials: 11, failed_trials: 1, running_trials: 0 });
      expect(events[events.length - 1]).toMatchObject({ type: "state", payload: { state: "completed" } });

      const { text, etag } = await servedResult(service, id);
      expect(JSON.parse(text)).toEqual(buildOptimizationResult(request, trials));
      expect(etag).toBe(sha256(text));
      expect(evaluator.calls.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
      expect(evaluator.maxInFlight).toBe(3);
    });

    it("cancels promptly with slow trials in flight, never recording them, then resumes to the trials of an uninterrupted run", async () => {
      const request = optimizationRequest({ strategy: "bayesian", max_trials: 10, concurrency: 2 });
      let slow = true;
      const evaluator = new SyntheticEvaluator({ delayMs: (n) => (slow && (n === 4 || n === 5) ? 60_000 : 2) });
      start(evaluator);
      const { optimization_id: id } = await service.createOptimization(request, CALLER);
      await waitFor(() => evaluator.calls.includes(5) && evaluator.calls.includes(4));
      expect(await opened.store.trialCount(id)).toBe(3);
      const before = performance.now();
      const cancelled = await service.cancelOptimization(id, CALLER);
      expect(performance.now() - before).toBeLessThan(300);
      expect(cancelled).toMatchObject({ kind: "done", status: { state: "cancelled", running_trials: 0, completed_trials: 3 } });
      await service.idle();
      expect(evaluator.aborted.sort()).toEqual([4, 5]);
      expect(await opened.store.trialCount(id)).toBe(3);
      const afterCancel = await allEvents(opened.store, id);
      expect(afterCancel[afterCancel.length - 1]).toMatchObject({ type: "state", payload: { state: "cancelled" } });
      expect((await service.optimizationResult(id)).kind).toBe("not_ready");
      expect(await service.cancelOptimization(id, CALLER)).toMatchObject({ kind: "conflict", status: { state: "cancelled" } });

      slow = false;
      const resumed = await service.resumeOptimization(id, CALLER);
      expect(resumed).toMatchObject({ kind: "done", status: { state: "queued", started_at: null, finished_at: null, completed_trials: 3 } });
      await service.idle();
      expect(await service.getOptimization(id)).toMatchObject({ state: "completed", completed_trials: 10, progress: 1 });
      const trials = await readAllTrials(opened.store, id);
      expect(trials.map((t) => t.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(evaluator.calls.filter((n) => n === 4)).toHaveLength(2);

      const reference = new SyntheticEvaluator();
      const cleanStore = kind.open();
      const clean = new OptimizationService({ store: cleanStore.store, evaluator: reference });
      const other = await clean.createOptimization(request, CALLER);
      await clean.idle();
      expect(withoutTiming(trials)).toEqual(withoutTiming(await readAllTrials(clean.store, other.optimization_id)));
      await clean.close();
      cleanStore.close();

      const events = await allEvents(opened.store, id);
      expect(events.map((e) => e.event_id)).toEqual(events.map((_, i) => i + 1));
      expect(events.filter((e) => e.type === "state").map((e) => e.payload.state)).toEqual(["queued", "running", "cancelled", "queued", "running", "completed"]);
      const recorded = events.filter((e) => e.type === "trial").map((e) => (e.payload.trial as TrialResult).number);
      expect([...recorded].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    });

    it("a resume while the cancelled session is still unwinding never runs two executors at once", async () => {
      const request = optimizationRequest({ max_trials: 8, concurrency: 2 });
      const later = gate();
      const evaluator = new SyntheticEvaluator({ delayMs: () => 5, hold: (n) => (n >= 3 ? later.wait : undefined) });
      start(evaluator);
      const { optimization_id: id } = await service.createOptimization(request, CALLER);
      await waitFor(() => evaluator.calls.length === 4);
      expect((await service.cancelOptimization(id, CALLER)).kind).toBe("done");
      expect((await service.resumeOptimization(id, CALLER)).kind).toBe("done");
      later.open();
      expect((await service.resumeOptimization(id, CALLER)).kind).toBe("conflict");
      await service.idle();
      expect(evaluator.maxInFlight).toBe(2);
      expect(await service.getOptimization(id)).toMatchObject({ state: "completed", completed_trials: 8 });
      expect((await readAllTrials(opened.store, id)).map((t) => t.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    });

    it("resumeActive while a session runs schedules no second session: each trial is evaluated once", async () => {
      const later = gate();
      const evaluator = new SyntheticEvaluator({ delayMs: () => 4, hold: (n) => (n >= 4 ? later.wait : undefined) });
      start(evaluator);
      const { optimization_id: id } = await service.createOptimization(optimizationRequest({ max_trials: 9, concurrency: 3 }), CALLER);
      await waitFor(() => evaluator.calls.length === 6);
      expect(await service.resumeActive()).toEqual([id]);
      later.open();
      await service.idle();
      expect(evaluator.calls.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(evaluator.maxInFlight).toBe(3);
      expect(evaluator.aborted).toEqual([]);
      expect(await service.getOptimization(id)).toMatchObject({ state: "completed", completed_trials: 9 });
    });

    it("an evaluator that rejects fails the optimisation with a generic message; a resume completes it", async () => {
      const errors: unknown[] = [];
      opened = kind.open();
      let rejectSix = true;
      const evaluator = new SyntheticEvaluator({ rejecting: (n) => n === 6 && rejectSix });
      service = new OptimizationService({ store: opened.store, evaluator, onInternalError: (_id, e) => errors.push(e) });
      const { optimization_id: id } = await service.createOptimization(optimizationRequest({ concurrency: 1 }), CALLER);
      await service.idle();
      expect(await service.getOptimization(id)).toMatchObject({ state: "failed", error: "The optimization failed because of an internal error", completed_trials: 5, running_trials: 0 });
      expect(errors.map((e) => (e as Error).message)).toEqual(["worker lost running trial 6"]);
      const last = (await allEvents(opened.store, id)).pop();
      expect(last).toMatchObject({ type: "state", payload: { state: "failed", error: "The optimization failed because of an internal error" } });
      rejectSix = false;
      expect(await service.resumeOptimization(id, CALLER)).toMatchObject({ kind: "done", status: { state: "queued", error: null } });
      await service.idle();
      expect(await service.getOptimization(id)).toMatchObject({ state: "completed", completed_trials: 12, error: null });
    });

    it("answers not_found and conflict without changing anything", async () => {
      start(new SyntheticEvaluator());
      const missing = "00000000-0000-4000-8000-000000000000";
      expect(await service.getOptimization(missing)).toBeNull();
      expect(await service.cancelOptimization(missing, CALLER)).toEqual({ kind: "not_found" });
      expect(await service.resumeOptimization(missing, CALLER)).toEqual({ kind: "not_found" });
      expect(await service.optimizationResult(missing)).toEqual({ kind: "not_found" });
      expect(await service.optimizationEvents(missing, 0, 10)).toBeNull();
      const { optimization_id: id } = await service.createOptimization(optimizationRequest({ max_trials: 2 }), CALLER);
      await service.idle();
      const done = (await service.getOptimization(id))!;
      expect(await service.cancelOptimization(id, CALLER)).toEqual({ kind: "conflict", status: done });
      expect(await service.resumeOptimization(id, CALLER)).toEqual({ kind: "conflict", status: done });
      expect((await service.optimizationEvents(id, 2, 2))!.map((e) => e.event_id)).toEqual([3, 4]);
      const page = await service.listOptimizations({ limit: 10, state: "completed" });
      expect(page).toEqual({ items: [done], next_cursor: null });
      expect(createOptimizer(optimizationRequest({ max_trials: 2 })).state().total_trials).toBe(done.total_trials);
    });
  });
}
