import { describe, expect, it } from "vitest";
import { STEP_SLICE_MS, SlicePacer, drainCooperatively } from "../../../src/engine/run/cooperative.ts";
import { makeRequest, makeSeries, runSim } from "../simulation/series-fixtures.ts";

function* counter(n: number): Generator<void, string> {
  for (let i = 0; i < n; i++) yield;
  return "done";
}

const walk = (n: number, start = 100) => Array.from({ length: n }, (_, i) => start + 10 * Math.sin(i / 7) + i * 0.01);

describe("Pace.sliceMs (a host's own slice length)", () => {
  it("drainCooperatively yields once sliceMs have passed instead of STEP_SLICE_MS", async () => {
    expect(STEP_SLICE_MS).toBe(20);
    let clock = 0;
    let yields = 0;
    // 10 steps, each reading moves the clock 1 ms: with a 2 ms slice, a yield every other step.
    const result = await drainCooperatively(counter(10), { now: () => ++clock, yieldControl: async () => void yields++, sliceMs: 2 });
    expect(result).toBe("done");
    expect(yields).toBe(5);
    clock = 0;
    yields = 0;
    await drainCooperatively(counter(10), { now: () => ++clock, yieldControl: async () => void yields++ });
    expect(yields).toBe(0);
  });

  it("SlicePacer is due after sliceMs", async () => {
    let clock = 0;
    let yields = 0;
    const pacer = new SlicePacer({ now: () => clock, yieldControl: async () => void yields++, sliceMs: 3 });
    clock = 2;
    expect(pacer.due()).toBe(false);
    clock = 3;
    expect(pacer.due()).toBe(true);
    await pacer.pause();
    expect(yields).toBe(1);
    expect(pacer.due()).toBe(false);
  });

  it("simulate yields after sliceMs of its clock (default 50 ms) without changing its output", async () => {
    const run = async (sliceMs: number | undefined) => {
      let clock = 0;
      let yields = 0;
      const series = [makeSeries("A", walk(3000)), makeSeries("B", walk(3000, 50))];
      const request = makeRequest({ symbols: ["A", "B"], strategy: { name: "ma_crossover", params: {} } });
      // One clock read per ≥256 bar-steps, each read 5 "ms" later.
      const { events, output } = await runSim({ series, request, now: () => (clock += 5), yieldControl: async () => void yields++, sliceMs });
      return { yields, events, output };
    };
    const byDefault = await run(undefined);
    const short = await run(5);
    // 6000 bar-steps: 23 clock reads after the first; a 5 ms slice yields at each, 50 ms at every tenth.
    expect(short.yields).toBe(23);
    expect(byDefault.yields).toBe(2);
    expect(short.events).toEqual(byDefault.events);
    expect(short.output).toEqual(byDefault.output);
  });
});
