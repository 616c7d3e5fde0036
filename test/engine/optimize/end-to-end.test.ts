import { describe, expect, it } from "vitest";
import {
  NUMERIC_METRIC_KEYS, createSampleProvider, normalizeBacktestRequest, runBacktest, runTrial, streamOptimization,
} from "../../../src/engine/index.ts";
import type { OptimizationRequest, OptimizationResult } from "../../../src/engine/index.ts";
import { NODE, request } from "./fixtures.ts";

const R = request({
  strategy: "bayesian", max_trials: 6, random_seed: 5, objective_metric: "total_return",
  validation_mode: "walk_forward", walk_forward_windows: 2, search_space: { parameters: [
    { name: "short_period", kind: "int_range", low: 3, high: 15 },
    { name: "long_period", kind: "int_range", low: 20, high: 60 },
  ] },
});

async function optimise(r: OptimizationRequest): Promise<{ result: OptimizationResult; events: number }> {
  let clock = 0;
  const run = streamOptimization(r, { trial: { provider: createSampleProvider(), now: () => (clock += 5) } });
  let events = 0;
  let step = await run.next();
  for (; !step.done; step = await run.next()) events++;
  return { result: step.value, events };
}

describe("optimising ma_crossover on sample data", () => {
  it("produces a result whose replay_backtest reproduces the best trial's full metrics", async () => {
    const { result, events } = await optimise(R);
    expect(events).toBe(6);
    expect(result.trials.map((t) => t.number)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(result.trials.map((t) => t.status)).toEqual(Array(6).fill("completed"));
    expect(result.trials.map((t) => t.proposal.method)).toEqual(["tpe_startup", "tpe_startup", "tpe_startup", "tpe", "tpe", "tpe"]);
    for (const t of result.trials) {
      expect(t.objective).toBe(t.metrics.validation_total_return);
      expect(t.metrics.gap_total_return).toBeCloseTo(t.metrics.train_total_return! - t.metrics.validation_total_return!, 12);
      expect(t.metrics.validation_stddev).toBeGreaterThanOrEqual(0);
      expect(t.duration_ms).toBeGreaterThan(0);
    }
    const best = result.best_trial!;
    expect(best.objective).toBe(Math.max(...result.trials.map((t) => t.objective!)));
    const replay = result.replay_backtest!;
    expect(normalizeBacktestRequest(replay, NODE)).toEqual(replay);
    expect(replay.strategy.params).toMatchObject(best.parameters);
    expect({ start_date: replay.start_date, end_date: replay.end_date }).toEqual({ start_date: "2020-01-01T00:00:00.000Z", end_date: "2022-01-01T00:00:00.000Z" });
    const rerun = await runBacktest({ runId: "replay", request: replay, provider: createSampleProvider() });
    for (const m of NUMERIC_METRIC_KEYS) {
      expect(best.metrics[`full_${m}`], m).toBe((rerun.metrics_summary as unknown as Record<string, number | null>)[m]);
    }
    expect(result.manifest.windows).toHaveLength(2);
    expect(result.manifest.lineage.map((l) => l.history_size)).toEqual([0, 1, 2, 3, 4, 5]);

    const again = await optimise(R);
    expect(again.result.trials.map((t) => ({ ...t, duration_ms: 0 }))).toEqual(result.trials.map((t) => ({ ...t, duration_ms: 0 })));
  });

  it("records a trial whose parameters break a strategy rule as failed", async () => {
    const trial = await runTrial(
      { number: 1, parameters: { short_period: 40, long_period: 20 }, proposal: { method: "random", history_size: 0 } },
      { request: R, provider: createSampleProvider() },
    );
    expect(trial.status).toBe("failed");
    expect(trial.objective).toBeNull();
    expect(trial.error).toMatch(/short_period/);
    expect(trial.metrics).toEqual({});
  });

  it("slices each of a trial's backtests at sliceMs (a host's short slices), with the same result", async () => {
    const spec = { number: 1, parameters: { short_period: 5, long_period: 30 }, proposal: { method: "random" as const, history_size: 0 } };
    const yieldsAt = async (sliceMs: number | undefined) => {
      let clock = 0;
      let yields = 0;
      const trial = await runTrial(spec, {
        request: R, provider: createSampleProvider(), now: () => (clock += 0.5), sliceMs,
        yieldControl: async () => void (yields += 1),
      });
      return { yields, trial: { ...trial, duration_ms: 0 } };
    };
    const engineDefault = await yieldsAt(undefined);
    const short = await yieldsAt(2);
    expect(short.yields).toBeGreaterThan(engineDefault.yields * 4);
    expect(short.trial).toEqual(engineDefault.trial);
  });
});
