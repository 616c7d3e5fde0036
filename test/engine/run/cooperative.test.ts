import { describe, expect, it } from "vitest";
import { createSampleProvider, normalizeBacktestRequest, runBacktest } from "../../../src/engine/index.ts";
import { buildResult, buildResultSteps, contentHash } from "../../../src/engine/report/build-result.ts";
import { loadRunData } from "../../../src/engine/run/load-data.ts";
import { STEP_SLICE_MS, SlicePacer, drainCooperatively } from "../../../src/engine/run/cooperative.ts";
import { simulate } from "../../../src/engine/simulation/simulate.ts";

function* counter(n: number): Generator<void, string> {
  for (let i = 0; i < n; i++) yield;
  return "done";
}

describe("drainCooperatively", () => {
  it("runs the steps back to back without yieldControl", async () => {
    expect(await drainCooperatively(counter(5), {})).toBe("done");
  });

  it("yields after every step without a clock", async () => {
    let yields = 0;
    const result = await drainCooperatively(counter(5), { yieldControl: async () => void yields++ });
    expect(result).toBe("done");
    expect(yields).toBe(5);
  });

  it("yields once a slice of the injected clock has passed", async () => {
    let clock = 0;
    let yields = 0;
    function* ticking(): Generator<void, number> {
      for (let i = 0; i < 10; i++) {
        clock += STEP_SLICE_MS / 2;
        yield;
      }
      return 42;
    }
    const result = await drainCooperatively(ticking(), { now: () => clock, yieldControl: async () => void yields++ });
    expect(result).toBe(42);
    expect(yields).toBe(5);
  });
});

describe("SlicePacer", () => {
  it("is never due and never yields without yieldControl", async () => {
    const pacer = new SlicePacer({ now: () => 1e9 });
    expect(pacer.due()).toBe(false);
    await pacer.pause();
  });

  it("yields at every pause without a clock", async () => {
    let yields = 0;
    const pacer = new SlicePacer({ yieldControl: async () => void yields++ });
    expect(pacer.due()).toBe(true);
    await pacer.pause();
    await pacer.pause();
    expect(yields).toBe(2);
  });

  it("yields once STEP_SLICE_MS have passed, then starts a new slice", async () => {
    let clock = 100;
    let yields = 0;
    const pacer = new SlicePacer({ now: () => clock, yieldControl: async () => void yields++ });
    clock += STEP_SLICE_MS - 1;
    expect(pacer.due()).toBe(false);
    await pacer.pause();
    expect(yields).toBe(0);
    clock += 1;
    expect(pacer.due()).toBe(true);
    await pacer.pause();
    expect(yields).toBe(1);
    expect(pacer.due()).toBe(false);
  });
});

describe("loadRunData pacing", () => {
  const request = normalizeBacktestRequest(
    { symbols: ["AAA", "BBB", "CCC"], start_date: "2020-01-01", end_date: "2021-01-01", strategy: { name: "buy_and_hold" }, benchmark_symbol: "SPY", data_source: "sample" },
    { runtime: "node", csvAllowed: false },
  );

  async function drain(pace: Parameters<typeof loadRunData>[3]) {
    const loading = loadRunData(request, createSampleProvider(), undefined, pace);
    let step = await loading.next();
    while (!step.done) step = await loading.next();
    return step.value;
  }

  it("yields before each series of a synchronous provider when there is no clock", async () => {
    let yields = 0;
    const data = await drain({ yieldControl: async () => void yields++ });
    expect(yields).toBe(4);
    expect(data.symbols.map((l) => l.series.symbol)).toEqual(["AAA", "BBB", "CCC"]);
    expect(data.benchmark?.series.symbol).toBe("SPY");
  });

  it("yields only when a slice of the clock has passed", async () => {
    let clock = 0;
    let yields = 0;
    // Every reading moves the clock by 15 ms: a slice is used up at every other pause.
    await drain({ now: () => (clock += 15), yieldControl: async () => void yields++ });
    expect(yields).toBe(2);
  });
});

describe("cooperative result building", () => {
  const body = {
    symbols: ["AAA", "BBB", "CCC", "DDD"], start_date: "2020-01-01", end_date: "2022-01-01", resolution: "day",
    strategy: { name: "ma_crossover", params: { short_period: 5, long_period: 20 } }, benchmark_symbol: "SPY", data_source: "sample",
  };
  const request = normalizeBacktestRequest(body, { runtime: "node", csvAllowed: false });

  async function simulated() {
    const loading = loadRunData(request, createSampleProvider());
    let l = await loading.next();
    while (!l.done) l = await loading.next();
    const run = simulate({ request, series: l.value.symbols.map((s) => s.series), quality: l.value.symbols.map((s) => s.quality) });
    let s = await run.next();
    while (!s.done) s = await run.next();
    return { data: l.value, output: s.value };
  }

  it("gives the same result in steps as in one go, and the content hash of its body", async () => {
    const { data, output } = await simulated();
    const args = { runId: "r-1", request, output, benchmark: data.benchmark, source: "sample" };
    const whole = buildResult(args);
    let steps = 0;
    const stepped = await drainCooperatively(buildResultSteps(args), { yieldControl: async () => void steps++ });
    expect(JSON.stringify(stepped)).toBe(JSON.stringify(whole));
    expect(steps).toBeGreaterThan(10);
    const { run_id: _id, content_hash: hash, ...rest } = whole;
    expect(contentHash(rest)).toBe(hash);
  });

  it("runBacktest with yieldControl returns the result of a run without it", async () => {
    let yields = 0;
    const paced = await runBacktest({ runId: "r-2", request, provider: createSampleProvider(), yieldControl: async () => void yields++, now: () => 0 });
    const plain = await runBacktest({ runId: "r-2", request, provider: createSampleProvider() });
    expect(JSON.stringify(paced)).toBe(JSON.stringify(plain));
    expect(yields).toBe(0);
  });
});
