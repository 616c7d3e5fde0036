/**
 * The in-process evaluator on real backtests (ma_crossover on sample data) and the event stream of
 * an optimisation: the result equals `buildOptimizationResult` of its trials, a subscriber gets the
 * whole log once and ends after `completed`, and an abort rejects at once.
 */
import { expect, it } from "vitest";
import { buildOptimizationResult, createSampleProvider, runTrial } from "../../../src/engine/index.ts";
import type { StreamEvent } from "../../../src/runs/stream-protocol.ts";
import { InProcessTrialEvaluator } from "../../../src/runs/optimizations/in-process-trial-evaluator.ts";
import { createInMemoryOptimizationStore } from "../../../src/runs/optimizations/memory-optimization-store.ts";
import { OptimizationService } from "../../../src/runs/optimizations/optimization-service.ts";
import { readAllTrials } from "../../../src/runs/optimizations/optimization-store.ts";
import { createTurnYield } from "../../../src/runs/turn-yield.ts";
import { CALLER, optimizationRequest, servedResult, sha256 } from "./support.ts";

const clock = { monotonic: () => performance.now(), yieldControl: createTurnYield() };

it("optimises ma_crossover on sample data in-process; the served result is buildOptimizationResult of its trials", async () => {
  const request = optimizationRequest({ strategy: "random", max_trials: 8, concurrency: 2, random_seed: 3 });
  const requested: string[][] = [];
  const evaluator = new InProcessTrialEvaluator({
    clock,
    providerFor: (r) => {
      requested.push(r.base_backtest.symbols);
      return createSampleProvider();
    },
  });
  const service = new OptimizationService({ store: createInMemoryOptimizationStore(), evaluator });
  const { optimization_id: id } = await service.createOptimization(request, CALLER);
  const received: StreamEvent[] = [];
  let ended = 0;
  await service.subscribe(id, 0, { capacity: () => "open", send: (events) => received.push(...events), end: () => ended++, overflow: () => expect.fail("overflow") }, { retryMs: 5, stallMs: 1000 });
  await service.idle();
  expect(await service.getOptimization(id)).toMatchObject({ state: "completed", completed_trials: 8, failed_trials: 0, progress: 1 });
  const trials = await readAllTrials(service.store, id);
  expect(trials.map((t) => t.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  expect(requested).toHaveLength(8);
  for (const t of trials) {
    expect(t.objective).toBe(t.metrics.validation_sharpe_ratio);
    expect(t.duration_ms).toBeGreaterThan(0);
  }
  const { text, etag } = await servedResult(service, id);
  const served = JSON.parse(text);
  expect(served).toEqual(buildOptimizationResult(request, trials));
  expect(served.best_trial.objective).toBe(Math.max(...trials.map((t) => t.objective!)));
  expect(etag).toBe(sha256(text));

  const again = await runTrial({ number: 3, parameters: trials[2]!.parameters, proposal: trials[2]!.proposal }, { request, provider: createSampleProvider() });
  expect({ ...again, duration_ms: 0 }).toEqual({ ...trials[2], duration_ms: 0 });

  await new Promise((r) => setTimeout(r, 5));
  const stored = await service.optimizationEvents(id, 0, 1000);
  expect(received).toEqual(stored);
  expect(received.map((e) => e.event_id)).toEqual(received.map((_, i) => i + 1));
  expect(ended).toBe(1);
  await service.close();
});

it("rejects with the abort reason at once when its signal is aborted mid-trial", async () => {
  const request = optimizationRequest({ max_trials: 1 });
  const controller = new AbortController();
  const reason = new Error("stop now");
  let yields = 0;
  let fakeNow = 0;
  // Every engine step sees a used-up slice, so the trial yields often; the third yield aborts it.
  const stepping = {
    monotonic: () => (fakeNow += 100),
    yieldControl: async () => {
      if (++yields === 3) controller.abort(reason);
      await new Promise((r) => setTimeout(r, 0));
    },
  };
  const evaluator = new InProcessTrialEvaluator({ clock: stepping, providerFor: () => createSampleProvider() });
  const spec = { number: 1, parameters: { short_period: 5, long_period: 30 }, proposal: { method: "random" as const, history_size: 0 } };
  await expect(evaluator.evaluate({ optimizationId: "o", request, spec }, controller.signal)).rejects.toBe(reason);
  expect(yields).toBe(3);
  await expect(evaluator.evaluate({ optimizationId: "o", request, spec }, controller.signal)).rejects.toBe(reason);
  expect(yields).toBe(3);
});
