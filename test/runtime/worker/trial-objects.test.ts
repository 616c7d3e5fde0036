/**
 * Trials on trial Durable Objects: spread over `concurrency` objects (one trial at a time each,
 * so they really run side by side), the same results as in-process `runTrial`, and an abort that
 * rejects at once and stops the object's trial.
 */
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createOptimizer } from "../../../src/engine/optimize/optimizer.ts";
import { normalizeOptimizationRequest } from "../../../src/engine/optimize/normalize-optimization.ts";
import { runTrial } from "../../../src/engine/optimize/run-trial.ts";
import type { OptimizationRequest, TrialResult, TrialSpec } from "../../../src/engine/optimize/types.ts";
import { createSampleProvider } from "../../../src/engine/index.ts";
import type { TrialJob } from "../../../src/runs/optimizations/trial-evaluator.ts";
import { TrialObject } from "../../../src/runtime/worker.ts";
import { DurableObjectTrialEvaluator, trialObjectName } from "../../../src/runtime/worker/durable-object-trial-evaluator.ts";
import { TRIAL_ABANDONED } from "../../../src/runtime/worker/trial-object.ts";
import { until } from "./run-helpers.ts";

afterEach(() => {
  vi.restoreAllMocks();
});

const WORKERD = { runtime: "workerd", csvAllowed: false } as const;

/** A 6-point grid over 2 sample symbols and one year. */
function gridRequest(concurrency: number, base: Record<string, unknown> = {}): OptimizationRequest {
  return normalizeOptimizationRequest(
    {
      name: "trial objects",
      search_space: { parameters: [
        { name: "short_period", kind: "int_range", low: 3, high: 9 },
        { name: "long_period", kind: "choice", values: [20, 40] },
      ] },
      strategy: "grid", grid_steps: 3, max_trials: 6, concurrency,
      base_backtest: { symbols: ["AAPL", "MSFT"], start_date: "2022-01-01", end_date: "2023-01-01", data_source: "sample", strategy: { name: "ma_crossover", params: {} }, ...base },
    },
    WORKERD,
  );
}

/** Every trial of `request` (grid proposals do not depend on results). */
function allSpecs(request: OptimizationRequest): TrialSpec[] {
  const optimizer = createOptimizer({ ...request, concurrency: request.max_trials });
  return optimizer.nextTrials(request.max_trials);
}

const withoutDuration = (results: TrialResult[]) => results.map((r) => ({ ...r, duration_ms: 0 }));

const trialStub = (optimizationId: string, slot: number) => env.TRIALS.get(env.TRIALS.idFromName(trialObjectName(optimizationId, slot)));

describe("DurableObjectTrialEvaluator", () => {
  it("runs 6 trials with concurrency 3 on 3 distinct objects, 3 at once, with runTrial's results", async () => {
    const request = gridRequest(3);
    const optimizationId = crypto.randomUUID();
    const specs = allSpecs(request);
    expect(specs.map((s) => s.number)).toEqual([1, 2, 3, 4, 5, 6]);

    let inFlight = 0;
    let mostInFlight = 0;
    const original = TrialObject.prototype.evaluate;
    vi.spyOn(TrialObject.prototype, "evaluate").mockImplementation(function (this: TrialObject, job: TrialJob, token: string) {
      inFlight += 1;
      mostInFlight = Math.max(mostInFlight, inFlight);
      return original.call(this, job, token).finally(() => void (inFlight -= 1));
    });

    const evaluator = new DurableObjectTrialEvaluator(env.TRIALS);
    const signal = new AbortController().signal;
    const remote = await Promise.all(specs.map((spec) => evaluator.evaluate({ optimizationId, request, spec }, signal)));
    const local = await Promise.all(specs.map((spec) => runTrial(spec, { request, provider: createSampleProvider() })));

    expect(remote.map((r) => r.status)).toEqual(Array(6).fill("completed"));
    expect(withoutDuration(remote)).toEqual(withoutDuration(local));
    expect(mostInFlight).toBe(3);
    const stats = await Promise.all([0, 1, 2].map((slot) => trialStub(optimizationId, slot).stats()));
    expect(stats.map((s) => s.active)).toEqual([0, 0, 0]);
    expect(stats.reduce((sum, s) => sum + s.evaluated, 0)).toBe(6);
    for (const s of stats) expect(s.evaluated).toBeGreaterThanOrEqual(1);
    expect(await trialStub(optimizationId, 3).stats()).toEqual({ active: 0, evaluated: 0 });
  });

  it("reports a trial that breaks a strategy rule as a failed result", async () => {
    const request = gridRequest(1);
    const spec: TrialSpec = { number: 1, parameters: { short_period: 50, long_period: 20 }, proposal: { method: "grid", history_size: 0 } };
    const evaluator = new DurableObjectTrialEvaluator(env.TRIALS);
    const result = await evaluator.evaluate({ optimizationId: crypto.randomUUID(), request, spec }, new AbortController().signal);
    expect(result).toMatchObject({ number: 1, status: "failed", objective: null, metrics: {} });
    expect(result.error).toMatch(/short_period/);
  });

  it("rejects at once with signal.reason on abort and stops the object's trial", async () => {
    // Minute bars over months: a trial that runs long enough to be caught mid-way.
    const request = gridRequest(1, { symbols: ["AAPL", "MSFT", "NVDA"], resolution: "minute", start_date: "2022-01-01", end_date: "2022-04-01" });
    const [first, second] = allSpecs(request);
    const optimizationId = crypto.randomUUID();
    const evaluator = new DurableObjectTrialEvaluator(env.TRIALS);
    const controller = new AbortController();
    const running = evaluator.evaluate({ optimizationId, request, spec: first }, controller.signal);
    const waiting = evaluator.evaluate({ optimizationId, request, spec: second }, controller.signal);
    const outcomes = Promise.allSettled([running, waiting]);
    const stub = trialStub(optimizationId, 0);
    await until(async () => (await stub.stats()).active === 1, "the first trial to start");

    const reason = new Error("cancelled by test");
    const abortedAt = Date.now();
    controller.abort(reason);
    const [a, b] = await outcomes;
    expect(Date.now() - abortedAt).toBeLessThan(100);
    expect(a).toEqual({ status: "rejected", reason });
    expect(b).toEqual({ status: "rejected", reason });
    // The object stops the abandoned trial and never started the queued one.
    await until(async () => (await stub.stats()).active === 0, "the object to drop the abandoned trial");
    expect(await stub.stats()).toEqual({ active: 0, evaluated: 0 });
    expect(TRIAL_ABANDONED).toBe("Trial abandoned by its optimization");
  });

  it("hands a freed slot to the next trial after an abandoned one settled", async () => {
    const request = gridRequest(1);
    const [first, second] = allSpecs(request);
    const optimizationId = crypto.randomUUID();
    const evaluator = new DurableObjectTrialEvaluator(env.TRIALS);
    const controller = new AbortController();
    const abandoned = evaluator.evaluate({ optimizationId, request, spec: first }, controller.signal);
    controller.abort(new Error("stop"));
    await expect(abandoned).rejects.toThrow("stop");
    const next = await evaluator.evaluate({ optimizationId, request, spec: second }, new AbortController().signal);
    const local = await runTrial(second, { request, provider: createSampleProvider() });
    expect({ ...next, duration_ms: 0 }).toEqual({ ...local, duration_ms: 0 });
  });
});
