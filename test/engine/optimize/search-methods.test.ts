import { describe, expect, it } from "vitest";
import { createSearchMethod, streamOptimization } from "../../../src/engine/index.ts";
import type { OptimizationRequest, TrialResult } from "../../../src/engine/index.ts";
import { BASE_BACKTEST, fakeEvaluator, request } from "./fixtures.ts";

const NO_HISTORY = { history: [], pending: [], nextNumber: 1 };

/** Mean-reversion space with three continuous axes; the synthetic optimum is at (1.7, 0.4, 0.8). */
function continuous(strategy: string, seed: number, maxTrials: number): OptimizationRequest {
  return request({
    strategy, random_seed: seed, max_trials: maxTrials,
    base_backtest: { ...BASE_BACKTEST, strategy: { name: "mean_reversion" } },
    search_space: { parameters: [
      { name: "entry_threshold", kind: "float_range", low: 0.5, high: 3 },
      { name: "position_size", kind: "float_range", low: 0.05, high: 1 },
      { name: "max_position_size", kind: "float_range", low: 0.1, high: 1 },
    ] },
  });
}
const bowl = (p: Record<string, unknown>): number =>
  -((((p.entry_threshold as number) - 1.7) / 2.5) ** 2) - ((p.position_size as number) - 0.4) ** 2 - ((p.max_position_size as number) - 0.8) ** 2;

async function drive(r: OptimizationRequest, f: (p: Record<string, unknown>) => number): Promise<TrialResult[]> {
  const run = streamOptimization(r, { evaluate: fakeEvaluator(f) });
  let step = await run.next();
  while (!step.done) step = await run.next();
  return step.value.trials;
}

describe("grid search", () => {
  it("enumerates the Cartesian product exactly, last axis fastest", () => {
    const r = request({
      strategy: "grid", grid_steps: 3, search_space: { parameters: [
        { name: "allow_short", kind: "choice", values: [false, true] },
        { name: "short_period", kind: "int_range", low: 2, high: 6 },
        { name: "position_size", kind: "log_uniform", low: 0.25, high: 1 },
      ] },
    });
    const sets = createSearchMethod(r).propose(NO_HISTORY, 100).map((p) => p.parameters);
    const expected: { allow_short: boolean; short_period: number; position_size: number }[] = [];
    for (const allow_short of [false, true]) for (const short_period of [2, 4, 6]) for (const position_size of [0.25, 0.5, 1]) expected.push({ allow_short, short_period, position_size });
    expect(sets).toHaveLength(18);
    sets.forEach((s, i) => {
      expect(s.allow_short).toBe(expected[i]!.allow_short);
      expect(s.short_period).toBe(expected[i]!.short_period);
      expect(s.position_size).toBeCloseTo(expected[i]!.position_size, 12);
    });
  });

  it("de-duplicates rounded integer points and truncates to max_trials", () => {
    const r = request({ strategy: "grid", grid_steps: 10, max_trials: 3, search_space: { parameters: [{ name: "short_period", kind: "int_range", low: 2, high: 5 }] } });
    const method = createSearchMethod(r);
    expect(method.capacity).toBe(3);
    expect(method.propose(NO_HISTORY, 10).map((p) => p.parameters.short_period)).toEqual([2, 3, 4]);
  });

  it("finds the known optimum of a grid point", async () => {
    const r = request({ strategy: "grid", grid_steps: 9, max_trials: 100, search_space: { parameters: [
      { name: "short_period", kind: "int_range", low: 2, high: 10 },
      { name: "position_size", kind: "float_range", low: 0.2, high: 1 },
    ] } });
    const trials = await drive(r, (p) => -(((p.short_period as number) - 7) ** 2) - ((p.position_size as number) - 0.6) ** 2);
    expect(trials).toHaveLength(81);
    const best = trials.reduce((a, b) => (b.objective! > a.objective! ? b : a));
    expect(best.parameters.short_period).toBe(7);
    expect(best.parameters.position_size).toBeCloseTo(0.6, 12);
  });
});

describe("random search", () => {
  it("never repeats a parameter set and exhausts a small space exactly", () => {
    const r = request({ max_trials: 50, search_space: { parameters: [
      { name: "short_period", kind: "int_range", low: 2, high: 5 },
      { name: "allow_short", kind: "choice", values: [true, false] },
    ] } });
    const method = createSearchMethod(r);
    expect(method.capacity).toBe(8);
    const sets = method.propose(NO_HISTORY, 50).map((p) => JSON.stringify(p.parameters));
    expect(sets).toHaveLength(8);
    expect(new Set(sets).size).toBe(8);
  });

  it("is deterministic for a seed and differs across seeds", () => {
    const a = createSearchMethod(continuous("random", 7, 20)).propose(NO_HISTORY, 5);
    const b = createSearchMethod(continuous("random", 7, 20)).propose(NO_HISTORY, 5);
    const c = createSearchMethod(continuous("random", 8, 20)).propose(NO_HISTORY, 5);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });
});

describe("bayesian search (TPE)", () => {
  it("uses random start-up trials, then the model", async () => {
    const trials = await drive(continuous("bayesian", 1, 20), bowl);
    expect(trials.map((t) => t.proposal.method)).toEqual([...Array(4).fill("tpe_startup"), ...Array(16).fill("tpe")]);
    expect(trials.map((t) => t.number)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it("gives the same trials for the same seed", async () => {
    const a = await drive(continuous("bayesian", 3, 25), bowl);
    const b = await drive(continuous("bayesian", 3, 25), bowl);
    expect(b).toEqual(a);
    const c = await drive(continuous("bayesian", 4, 25), bowl);
    expect(c.map((t) => t.parameters)).not.toEqual(a.map((t) => t.parameters));
  });

  it("finds the known optimum within the budget and beats random search by a margin", async () => {
    const regret = async (strategy: string, seed: number): Promise<number> => {
      const trials = await drive(continuous(strategy, seed, 60), bowl);
      return -Math.max(...trials.map((t) => t.objective!));
    };
    const seeds = [1, 2, 3, 4, 5, 6];
    const tpe = await Promise.all(seeds.map((s) => regret("bayesian", s)));
    const random = await Promise.all(seeds.map((s) => regret("random", s)));
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(Math.max(...tpe)).toBeLessThan(0.01);
    expect(mean(tpe)).toBeLessThan(0.25 * mean(random));
  });
});
