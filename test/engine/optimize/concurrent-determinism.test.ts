import { describe, expect, it } from "vitest";
import { streamOptimization } from "../../../src/engine/index.ts";
import type { OptimizationRequest, TrialResult, TrialSpec } from "../../../src/engine/index.ts";
import { Prng } from "../../../src/engine/util/prng.ts";
import { fakeEvaluator, request } from "./fixtures.ts";

const space = { parameters: [
  { name: "short_period", kind: "int_range", low: 2, high: 20 },
  { name: "position_size", kind: "float_range", low: 0.1, high: 1 },
] };
const score = fakeEvaluator((p) => -(((p.short_period as number) - 9) ** 2) - ((p.position_size as number) - 0.5) ** 2);

/** An evaluator whose trials finish after a pseudo-random number of macrotasks: a different completion order per seed. */
function shuffledEvaluator(seed: number): (spec: TrialSpec) => Promise<TrialResult> {
  const prng = new Prng(seed);
  return async (spec) => {
    const turns = Math.floor(prng.nextFloat() * 6);
    for (let i = 0; i < turns; i++) await new Promise((resolve) => setTimeout(resolve, 0));
    return score(spec);
  };
}

/** Runs `r` to the end; `stopAfter` finished trials aborts it (in-flight trials are dropped, as a cancel does). */
async function execute(r: OptimizationRequest, evaluate: (s: TrialSpec) => Promise<TrialResult>, restore: TrialResult[] = [], stopAfter = Infinity) {
  const controller = new AbortController();
  const finished: TrialResult[] = [...restore];
  const order: number[] = [];
  const run = streamOptimization(r, { evaluate, restore, signal: controller.signal });
  try {
    for (let step = await run.next(); !step.done; step = await run.next()) {
      if (controller.signal.aborted) continue;
      finished.push(step.value.trial);
      order.push(step.value.trial.number);
      if (order.length >= stopAfter) controller.abort(new Error("cancelled"));
    }
  } catch (error) {
    if (!controller.signal.aborted) throw error;
  }
  return { trials: finished.sort((a, b) => a.number - b.number), order };
}

describe("trials are a pure function of the request, whatever order concurrent trials finish in", () => {
  for (const strategy of ["bayesian", "random", "grid"] as const) {
    it(`${strategy}, concurrency 4: two executions with different completion orders run the same trials`, async () => {
      const r = request({ strategy, search_space: space, max_trials: 24, concurrency: 4, random_seed: 5, grid_steps: 5 });
      const a = await execute(r, shuffledEvaluator(1));
      const b = await execute(r, shuffledEvaluator(2));
      expect(a.order).not.toEqual(b.order);
      expect(a.trials.map((t) => t.number)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
      expect(b.trials).toEqual(a.trials);
      if (strategy === "bayesian") expect(a.trials.filter((t) => t.proposal.method === "tpe").length).toBeGreaterThan(0);
    });

    it(`${strategy}, concurrency 4: cancelled mid-run (in-flight trials dropped) and resumed, it runs the same trials`, async () => {
      const r = request({ strategy, search_space: space, max_trials: 24, concurrency: 4, random_seed: 5, grid_steps: 5 });
      const whole = await execute(r, shuffledEvaluator(3));
      const first = await execute(r, shuffledEvaluator(4), [], 9);
      // Trials still in flight at the cancel were dropped (as the service does), so the stored
      // numbers may have gaps that the resume fills.
      expect(first.trials.length).toBe(9);
      const rest = await execute(r, shuffledEvaluator(5), first.trials);
      expect(rest.trials).toEqual(whole.trials);
    });
  }

  it("a model-based trial k uses the results of trials up to k - concurrency only", async () => {
    const r = request({ strategy: "bayesian", search_space: space, max_trials: 30, concurrency: 3, random_seed: 9 });
    const { trials } = await execute(r, shuffledEvaluator(6));
    for (const t of trials) expect(t.proposal.history_size).toBe(Math.max(0, t.number - 3));
  });
});
