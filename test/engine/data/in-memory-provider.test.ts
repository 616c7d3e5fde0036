import { describe, expect, it } from "vitest";
import { createInMemoryProvider } from "../../../src/engine/data/in-memory-provider.ts";
import { buildSeries } from "../../../src/engine/data/quality.ts";
import { rawRowsFromArrays } from "../../../src/engine/data/raw-bars.ts";
import { EngineValidationError } from "../../../src/engine/types.ts";
import type { BarSeries } from "../../../src/engine/types.ts";

const D = 86_400_000;
const mon = Date.UTC(2024, 0, 8);
const ts = [mon, mon + D, mon + 2 * D, mon + 3 * D, mon + 7 * D];
const series: BarSeries = {
  symbol: "AAA", resolution: "day",
  timestamps: Float64Array.from(ts), open: Float64Array.of(1, 2, 3, 4, 5), high: Float64Array.of(2, 3, 4, 5, 6),
  low: Float64Array.of(0.5, 1, 2, 3, 4), close: Float64Array.of(1.5, 2.5, 3.5, 4.5, 5.5), volume: Float64Array.of(1, 1, 1, 1, 1),
};
const withDuplicate = (col: Float64Array): number[] => [...col, col[0]];
const loaded = buildSeries("BBB", "day", rawRowsFromArrays({
  timestamps: [...ts, mon], open: withDuplicate(series.open), high: withDuplicate(series.high),
  low: withDuplicate(series.low), close: withDuplicate(series.close), volume: withDuplicate(series.volume),
}), { sampleData: false });

async function rejection(p: Promise<unknown>): Promise<EngineValidationError> {
  const error = await p.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(EngineValidationError);
  return error as EngineValidationError;
}

describe("createInMemoryProvider", () => {
  const provider = createInMemoryProvider("dataset", new Map<string, BarSeries | typeof loaded>([["AAA", series], ["BBB", loaded]]));

  it("slices by [start, end) and summarises a bare series", async () => {
    expect(provider.source).toBe("dataset");
    const { series: s, quality } = await provider.load("AAA", "day", mon + D, mon + 7 * D + 1);
    expect(Array.from(s.close)).toEqual([2.5, 3.5, 4.5, 5.5]);
    expect(quality).toMatchObject({ symbol: "AAA", rows_seen: 4, bars: 4, missing_intervals: 1, has_critical_issues: false, sample_data: false });
    expect((await provider.load("AAA", "day", mon + 10 * D, mon + 20 * D)).series.timestamps.length).toBe(0);
  });

  it("keeps a stored summary and updates its bar count", async () => {
    const { series: s, quality } = await provider.load("BBB", "day", mon, mon + 2 * D);
    expect(s.timestamps.length).toBe(2);
    expect(quality).toMatchObject({ symbol: "BBB", rows_seen: 6, bars: 2, duplicate_timestamps: 1, has_critical_issues: true });
    expect(loaded.quality.bars).toBe(5);
  });

  it("names an unknown symbol and a wrong resolution", async () => {
    const unknown = await rejection(provider.load("ZZZ", "day", mon, mon + D));
    expect(unknown.issues).toEqual([{ loc: ["symbols"], msg: 'no data for symbol "ZZZ" in data source "dataset"', type: "value_error" }]);
    const wrong = await rejection(provider.load("AAA", "hour", mon, mon + D));
    expect(wrong.issues[0].loc).toEqual(["resolution"]);
    expect(wrong.issues[0].msg).toBe('data for "AAA" in data source "dataset" has resolution "day", not "hour"');
  });
});
