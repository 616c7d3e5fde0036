import { describe, expect, it } from "vitest";
import { buildOptimizationResult, createOptimizer, streamOptimization } from "../../../src/engine/index.ts";
import type { OptimizationRequest, TrialResult, TrialSpec } from "../../../src/engine/index.ts";
import { fakeEvaluator, request } from "./fixtures.ts";

const space = { parameters: [
  { name: "short_period", kind: "int_range", low: 2, high: 20 },
  { name: "position_size", kind: "float_range", low: 0.1, high: 1 },
] };
const f = (p: Record<string, unknown>) => -(((p.short_period as number) - 9) ** 2) - ((p.position_size as number) - 0.5) ** 2;
const evaluate = fakeEvaluator(f);

async function finish(r: OptimizationRequest, restore?: TrialResult[], onSpec?: (s: TrialSpec) => void, score = evaluate) {
  const run = streamOptimization(r, { evaluate: async (s) => (onSpec?.(s), score(s)), restore });
  let step = await run.next();
  while (!step.done) step = await run.next();
  return step.value;
}

describe("createOptimizer", () => {
  it("numbers trials, caps them at concurrency and counts live state", async () => {
    const opt = createOptimizer(request({ search_space: space, max_trials: 5, concurrency: 2 }));
    const first = opt.nextTrials(10);
    expect(first.map((s) => s.number)).toEqual([1, 2]);
    expect(opt.nextTrials(1)).toEqual([]);
    expect(opt.state()).toMatchObject({ total_trials: 5, completed: 0, failed: 0, running: 2, best_trial: null, done: false });
    opt.recordTrial(await evaluate(first[1]!));
    opt.recordTrial({ ...(await evaluate(first[0]!)), status: "failed", objective: null, error: "boom" });
    expect(() => opt.recordTrial(finishedTrial(first[0]!))).toThrow("trial 1 is not running");
    expect(opt.state()).toMatchObject({ completed: 1, failed: 1, running: 0, done: false });
    expect(opt.state().best_trial?.number).toBe(2);
    const rest = opt.nextTrials(2);
    expect(rest.map((s) => s.number)).toEqual([3, 4]);
    for (const s of rest) opt.recordTrial(await evaluate(s));
    const last = opt.nextTrials(2);
    expect(last.map((s) => s.number)).toEqual([5]);
    expect(opt.isDone()).toBe(false);
    opt.recordTrial(await evaluate(last[0]!));
    expect(opt.isDone()).toBe(true);
    expect(opt.nextTrials(1)).toEqual([]);
    expect(opt.state()).toMatchObject({ completed: 4, failed: 1, running: 0, done: true });
  });

  it("resumes from stored trials: numbering continues, no trial is re-run, and the trials match an uninterrupted run", async () => {
    for (const strategy of ["grid", "random", "bayesian"]) {
      const r = request({ strategy, search_space: space, max_trials: 20, random_seed: 11, grid_steps: 5 });
      const whole = await finish(r);
      const stored = whole.trials.slice(0, 8);
      const ran: number[] = [];
      const resumed = await finish(r, stored, (s) => ran.push(s.number));
      expect(ran).toEqual(Array.from({ length: 12 }, (_, i) => i + 9));
      expect(resumed.trials).toEqual(whole.trials);
      expect(new Set(resumed.trials.map((t) => JSON.stringify(t.parameters))).size).toBe(20);
    }
  });

  it("fills a gap left by a trial lost mid-run so numbering stays continuous", async () => {
    const r = request({ search_space: space, max_trials: 6, random_seed: 2 });
    const whole = await finish(r);
    const stored = whole.trials.filter((t) => t.number !== 3 && t.number <= 4);
    const ran: number[] = [];
    const resumed = await finish(r, stored, (s) => ran.push(s.number));
    expect(ran).toEqual([3, 5, 6]);
    expect(resumed.trials.map((t) => t.number)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("refuses restore on a used optimizer and duplicate numbers", async () => {
    const opt = createOptimizer(request({ search_space: space }));
    const t = await evaluate({ number: 1, parameters: { short_period: 3, position_size: 0.5 }, proposal: { method: "random", history_size: 0 } });
    expect(() => opt.restore([t, t])).toThrow("restored trials have duplicate numbers");
    opt.nextTrials(1);
    expect(() => opt.restore([t])).toThrow("restore needs a fresh optimizer");
  });

  it("stops starting trials once the signal aborts", async () => {
    const controller = new AbortController();
    const r = request({ search_space: space, max_trials: 10 });
    const run = streamOptimization(r, { evaluate, signal: controller.signal });
    await run.next();
    controller.abort(new Error("cancelled"));
    await expect((async () => { for (let s = await run.next(); !s.done; s = await run.next()); })()).rejects.toThrow("cancelled");
  });
});

describe("buildOptimizationResult", () => {
  it("reports the best trial, diagnostics, replay request and manifest", async () => {
    const r = request({ strategy: "grid", grid_steps: 3, search_space: { parameters: [
      { name: "short_period", kind: "int_range", low: 2, high: 10 },
      { name: "allow_short", kind: "choice", values: [false, true] },
    ] } });
    const result = await finish(r, undefined, undefined, fakeEvaluator((p) => -(((p.short_period as number) - 9) ** 2)));
    // Grid: short_period 2, 6, 10 × allow_short false/true; the objective prefers 10 and ignores allow_short.
    const result2 = buildOptimizationResult(r, [...result.trials].reverse());
    expect(result2).toEqual(result);
    expect(result.trials.map((t) => t.objective)).toEqual([-49, -49, -9, -9, -1, -1]);
    expect(result.best_trial?.number).toBe(5);
    expect(result.diagnostics.top_trials).toEqual([5, 6]);
    expect(result.diagnostics.parameter_stability).toEqual([
      { name: "short_period", mean: 10, stddev: 0, min: 10, max: 10, relative_stddev: 0 },
      { name: "allow_short", mode: false, mode_share: 0.5 },
    ]);
    expect(result.diagnostics.objective_spread).toEqual({ count: 6, min: -49, max: -1, mean: -59 / 3, median: -9, stddev: Math.sqrt(((49 - 59 / 3) ** 2 * 2 + (9 - 59 / 3) ** 2 * 2 + (1 - 59 / 3) ** 2 * 2) / 6) });
    expect(result.replay_backtest?.strategy).toEqual({ name: "ma_crossover", params: { short_period: 10, long_period: 30, position_size: 0.95, allow_short: false } });
    expect(result.manifest).toMatchObject({ engine: "glowback-engine", search_method: "grid", random_seed: 0, trial_count: 6 });
    expect(result.manifest.lineage[0]).toEqual({ number: 1, method: "grid", history_size: 0 });
  });
});

function finishedTrial(spec: TrialSpec): TrialResult {
  return { number: spec.number, parameters: spec.parameters, status: "completed", objective: 0, metrics: {}, duration_ms: 0, error: null, proposal: spec.proposal };
}
