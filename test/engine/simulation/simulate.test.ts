import { describe, expect, it } from "vitest";
import { simulate } from "../../../src/engine/simulation/simulate.ts";
import { masterTimeline } from "../../../src/engine/simulation/timeline.ts";
import { DAY, makeRequest, makeSeries, runSim, T0 } from "./series-fixtures.ts";

const walk = (n: number, start = 100) => Array.from({ length: n }, (_, i) => start + 10 * Math.sin(i / 7) + i * 0.01);
const manyBars = () => {
  const series = [makeSeries("A", walk(3000)), makeSeries("B", walk(3000, 50))];
  return { series, request: makeRequest({ symbols: ["A", "B"], strategy: { name: "ma_crossover", params: {} } }) };
};

describe("masterTimeline", () => {
  it("is the sorted union of all timestamps", () => {
    const a = makeSeries("A", [1, 1, 1], { timestamps: [T0, T0 + 2 * DAY, T0 + 4 * DAY] });
    const b = makeSeries("B", [1, 1, 1], { timestamps: [T0 + DAY, T0 + 2 * DAY, T0 + 5 * DAY] });
    expect(Array.from(masterTimeline([a, b, a]), (t) => (t - T0) / DAY)).toEqual([0, 1, 2, 4, 5]);
  });
});

describe("simulate", () => {
  it("values symbols at their last close across calendars and keeps value = cash + positions", async () => {
    const a = makeSeries("A", [10, 20, 30], { timestamps: [T0, T0 + 2 * DAY, T0 + 4 * DAY] });
    const b = makeSeries("B", [5, 6, 7, 8], { timestamps: [T0 + DAY, T0 + 2 * DAY, T0 + 3 * DAY, T0 + 5 * DAY] });
    const { output } = await runSim({ request: makeRequest({ symbols: ["A", "B"] }), series: [a, b] });
    // A: decided at its first bar (day 0): 47,500 / close 10 = 4750, filled at A's next bar (day 2)
    // at open 20, using 95,000. B: decided on day 1: 47,500 / 5 = 9500, filled on day 2 at open 6,
    // which needs 57,000; only 5,000 is left after A (filled first), so the buy is cut to 833.
    expect(output.fills.map((f) => [f.symbol, f.shares, f.price, (f.timestamp - T0) / DAY])).toEqual([
      ["A", 4750, 20, 2],
      ["B", 833, 6, 2],
    ]);
    expect(output.equity.map((e) => (e.timestamp - T0) / DAY)).toEqual([0, 1, 2, 3, 4, 5]);
    const last = output.equity.at(-1)!;
    expect(last.positions).toBe(4750 * 30 + 833 * 8);
    for (const e of output.equity) expect(e.value).toBe(e.cash + e.positions);
    expect(output.exposures.at(-1)!.net_exposure_pct).toBeCloseTo((last.positions / last.value) * 100, 12);
    expect(output.bars_processed).toBe(7);
  });

  it("reports monotone progress ending at bars_total and throttled equity events with the last point", async () => {
    const { events, output } = await runSim(manyBars());
    const progress = events.filter((e) => e.type === "progress");
    const done = progress.map((e) => e.bars_processed);
    expect(done).toEqual([...done].sort((x, y) => x - y));
    expect(progress.at(-1)).toEqual({ type: "progress", bars_processed: 6000, bars_total: 6000 });
    expect(progress.length).toBeLessThanOrEqual(101);
    const equity = events.filter((e) => e.type === "equity");
    expect(equity.length).toBeLessThanOrEqual(201);
    expect(equity.at(-1)!.sample).toBe(output.equity.at(-1));
  });

  it("stops before the first bar when already aborted", async () => {
    const controller = new AbortController();
    controller.abort();
    const gen = simulate({ ...manyBars(), quality: [], signal: controller.signal });
    await expect(gen.next()).rejects.toMatchObject({ name: "AbortError" });
  });

  it("stops within 1024 bar-steps of an abort", async () => {
    const controller = new AbortController();
    const gen = simulate({ ...manyBars(), quality: [], signal: controller.signal, progressEvery: 1 });
    let seen = 0;
    await expect(
      (async () => {
        for (let step = await gen.next(); !step.done; step = await gen.next()) {
          if (step.value.type !== "progress") continue;
          if (seen === 0 && step.value.bars_processed >= 1000) {
            seen = step.value.bars_processed;
            controller.abort();
          } else if (seen > 0) {
            expect(step.value.bars_processed - seen).toBeLessThanOrEqual(1024);
          }
        }
      })(),
    ).rejects.toMatchObject({ name: "AbortError" });
    expect(seen).toBeGreaterThan(0);
  });

  it("calls yieldControl when now() says 50 ms passed", async () => {
    let clock = 0;
    let yields = 0;
    const now = () => (clock += 1);
    await runSim({ ...manyBars(), now, yieldControl: async () => void yields++ });
    // One clock read per ≥256 bar-steps (~23 reads over 6000 bars): not yet 50 "ms".
    expect(yields).toBe(0);
    clock = 0;
    await runSim({ ...manyBars(), now: () => (clock += 20), yieldControl: async () => void yields++ });
    expect(yields).toBeGreaterThan(5);
    let idle = 0;
    await runSim({ ...manyBars(), yieldControl: async () => void idle++ });
    expect(idle).toBe(0);
  });
});
