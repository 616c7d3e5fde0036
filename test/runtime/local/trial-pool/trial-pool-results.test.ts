/** The pool's trials are the in-process `runTrial` results, bit for bit (`duration_ms` aside). */
import { afterAll, describe, expect, it } from "vitest";
import type { BacktestRequest, MarketDataProvider, OptimizationRequest, TrialResult, TrialSpec } from "../../../../src/engine/index.ts";
import { createTrialWorkerPool } from "../../../../src/runtime/local/trial-pool/index.ts";
import type { TrialPoolEvent } from "../../../../src/runtime/local/trial-pool/index.ts";
import { firstTrials, inProcess, sampleProvider, smallRequest, uploadedSources, withoutTiming } from "./fixtures.ts";

const sources = await uploadedSources(["AAA", "BBB", "SPY"]);
const events: TrialPoolEvent[] = [];
const loads: string[] = [];
const pool = createTrialWorkerPool({ size: 2, providerFor: counted, observe: (e) => events.push(e) });
afterAll(() => pool.close());

/** The main thread's provider, recording every load the pool makes. */
function counted(request: BacktestRequest): MarketDataProvider {
  const provider = sources.providerFor(request);
  return {
    source: provider.source,
    load(symbol, resolution, startMs, endMs) {
      loads.push(`${request.data_source} ${symbol} ${new Date(startMs).toISOString().slice(0, 10)}..${new Date(endMs).toISOString().slice(0, 10)}`);
      return provider.load(symbol, resolution, startMs, endMs);
    },
  };
}

function viaPool(optimizationId: string, request: OptimizationRequest, specs: TrialSpec[]): Promise<TrialResult[]> {
  const signal = new AbortController().signal;
  return Promise.all(specs.map((spec) => pool.evaluate({ optimizationId, request, spec }, signal)));
}

describe("trial worker pool results", () => {
  it("match runTrial in-process on sample data, benchmark included", async () => {
    const request = smallRequest({ data_source: "sample" });
    const specs = firstTrials(request, 5);
    const expected = await inProcess(request, specs, sampleProvider);
    const actual = await viaPool("opt-sample", request, specs);
    expect(actual.map(withoutTiming)).toEqual(expected.map(withoutTiming));
    expect(actual.map((r) => r.status)).toEqual(["completed", "completed", "completed", "completed", "completed"]);
    expect(actual[0].metrics.full_beta).toEqual(expected[0].metrics.full_beta);
    expect(typeof actual[0].metrics.full_beta).toBe("number");
    expect(actual.every((r) => r.duration_ms >= 0)).toBe(true);
    // Once per optimisation: each series over the full range and each window (cuts at 1022 and
    // 1241 days: 70 % and 85 % snapped down to whole days), not once per trial.
    expect(loads).toEqual(["AAA", "BBB", "SPY"].flatMap((s) => [
      `sample ${s} 2016-01-01..2020-01-01`, `sample ${s} 2016-01-01..2018-10-19`, `sample ${s} 2018-10-19..2019-05-26`,
      `sample ${s} 2016-01-01..2019-05-26`, `sample ${s} 2019-05-26..2020-01-01`,
    ]));
  });

  it("match runTrial on an uploaded dataset with gaps and a duplicate (stored quality, sub-range windows)", async () => {
    const request = smallRequest({ data_source: "dataset", start_date: "2016-03-01", end_date: "2020-06-01" });
    const specs = firstTrials(request, 4);
    const expected = await inProcess(request, specs, () => sources.providerFor(request.base_backtest));
    const actual = await viaPool("opt-dataset", request, specs);
    expect(actual.map(withoutTiming)).toEqual(expected.map(withoutTiming));
    // The stored summary of the whole upload is reported, as the dataset provider does.
    expect(actual[0].metrics.full_duplicate_timestamps).toBe(3);
    expect(actual[0].metrics.full_missing_intervals).toBe(expected[0].metrics.full_missing_intervals);
    expect(actual[0].metrics.full_missing_intervals).toBeGreaterThan(0);
  });

  it("fail a trial exactly as in-process: a broken strategy rule and a symbol without data", async () => {
    const request = smallRequest({ data_source: "dataset", symbols: ["AAA", "NOPE"] }, {
      search_space: { parameters: [{ name: "short_period", kind: "int_range", low: 3, high: 40 }] },
    });
    const specs: TrialSpec[] = [
      { number: 1, parameters: { short_period: 25 }, proposal: { method: "grid", history_size: 0 } },
      { number: 2, parameters: { short_period: 3 }, proposal: { method: "grid", history_size: 1 } },
    ];
    const base = smallRequest({ data_source: "dataset", symbols: ["AAA"] }, {
      search_space: { parameters: [{ name: "short_period", kind: "int_range", low: 3, high: 40 }] },
    });
    const expected = [
      ...(await inProcess(base, specs.slice(0, 1), () => sources.providerFor(base.base_backtest))),
      ...(await inProcess(request, specs.slice(1), () => sources.providerFor(request.base_backtest))),
    ];
    const actual = [...(await viaPool("opt-rule", base, specs.slice(0, 1))), ...(await viaPool("opt-missing", request, specs.slice(1)))];
    expect(actual.map(withoutTiming)).toEqual(expected.map(withoutTiming));
    expect(actual.map((r) => r.status)).toEqual(["failed", "failed"]);
    expect(actual[1].error).toBe('symbols: no data for symbol "NOPE" in data source "dataset"');
  });

  it("report a started and a finished event per trial from the thread's clock", () => {
    const finished = events.filter((e) => e.type === "finished");
    expect(finished.length).toBe(11);
    for (const e of finished) if (e.type === "finished") expect(e.finishedAt).toBeGreaterThanOrEqual(e.startedAt);
    expect(events.filter((e) => e.type === "thread_lost")).toEqual([]);
    expect(new Set(finished.map((e) => e.thread))).toEqual(new Set([1, 2]));
  });
});
