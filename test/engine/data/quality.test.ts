import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseBarsCsv } from "../../../src/engine/data/csv-parser.ts";
import { assertQuality, buildSeries } from "../../../src/engine/data/quality.ts";
import { rawRowsFromArrays } from "../../../src/engine/data/raw-bars.ts";
import { countMissingIntervals } from "../../../src/engine/data/series.ts";
import { EngineValidationError } from "../../../src/engine/types.ts";
import type { DataQualitySummary, Resolution } from "../../../src/engine/types.ts";

const DEFECTS = new URL("../../fixtures/csv/defects/", import.meta.url);
function load(name: string) {
  const text = readFileSync(new URL(name, DEFECTS), "utf8");
  const { rows } = parseBarsCsv(text, { symbol: "DEF", resolution: "day", fileName: name });
  return buildSeries("DEF", "day", rows, { sampleData: false });
}
const counts = (q: DataQualitySummary) => [q.rows_seen, q.bars, q.duplicate_timestamps, q.missing_intervals, q.inconsistent_ohlc, q.negative_prices, q.negative_volume, q.has_critical_issues];

describe("buildSeries on defect fixtures", () => {
  it("drops later duplicates and keeps the first row", () => {
    const { series, quality } = load("DUP_1d.csv");
    // rows_seen, bars, duplicates, missing, inconsistent, negative prices, negative volume, critical
    expect(counts(quality)).toEqual([22, 20, 2, 0, 0, 0, 0, true]);
    expect(series.volume[4]).toBe(104646);
    expect(quality.issues).toEqual([
      "2 duplicate timestamps (first row kept, later rows dropped): line 7 (2023-01-06T00:00:00.000Z), line 15 (2023-01-17T00:00:00.000Z)",
    ]);
  });

  it("drops rows with inconsistent OHLC", () => {
    const { quality } = load("OHLC_1d.csv");
    expect(counts(quality)).toEqual([20, 18, 0, 2, 2, 0, 0, true]);
    expect(quality.issues).toEqual([
      "2 rows with inconsistent OHLC dropped (low above min(open, close), high below max(open, close), low above high, or a non-finite value): line 5 (2023-01-05T00:00:00.000Z), line 11 (2023-01-13T00:00:00.000Z)",
      "2 missing trading days (gaps between bars; not critical)",
    ]);
  });

  it("drops rows with negative prices and negative volume", () => {
    expect(counts(load("NEGPRICE_1d.csv").quality)).toEqual([20, 19, 0, 1, 0, 1, 0, true]);
    const negVol = load("NEGVOL_1d.csv").quality;
    expect(counts(negVol)).toEqual([20, 19, 0, 1, 0, 0, 1, true]);
    expect(negVol.issues[0]).toBe("1 row with negative volume dropped: line 17 (2023-01-23T00:00:00.000Z)");
  });

  it("counts missing weekdays as non-critical", () => {
    const { quality } = load("GAPS_1d.csv");
    expect(counts(quality)).toEqual([17, 17, 0, 3, 0, 0, 0, false]);
  });

  it("sorts unsorted rows without reporting issues", () => {
    const { series, quality } = load("UNSORTED_1d.csv");
    expect(counts(quality)).toEqual([20, 20, 0, 0, 0, 0, 0, false]);
    for (let i = 1; i < 20; i++) expect(series.timestamps[i]).toBeGreaterThan(series.timestamps[i - 1]);
  });
});

describe("buildSeries on arrays", () => {
  it("counts a row in every category it violates, treats zero and non-finite as critical", () => {
    const rows = rawRowsFromArrays({
      timestamps: [3, 1, 2, 4, 4],
      open: [1, 1, 0, Number.NaN, 1],
      high: [2, 2, 2, 2, 2],
      low: [3, 0.5, 0.5, 0.5, 0.5],
      close: [1.5, 1.5, 1.5, 1.5, 1.5],
      volume: [-1, 10, 10, 10, 10],
    });
    const { series, quality } = buildSeries("X-USD", "minute", rows, { sampleData: true });
    expect(Array.from(series.timestamps)).toEqual([1]);
    expect(quality.sample_data).toBe(true);
    expect([quality.duplicate_timestamps, quality.inconsistent_ohlc, quality.negative_prices, quality.negative_volume]).toEqual([1, 3, 1, 1]); // the zero-open row also has low > min(open, close)
    expect(quality.issues[0]).toBe("1 duplicate timestamp (first row kept, later rows dropped): 1970-01-01T00:00:00.004Z");
  });

  it("throws immediately in fail mode", () => {
    const rows = rawRowsFromArrays({ timestamps: [1, 1], open: [1, 1], high: [1, 1], low: [1, 1], close: [1, 1], volume: [1, 1] });
    expect(() => buildSeries("Q", "day", rows, { sampleData: false, mode: "fail" })).toThrow(EngineValidationError);
  });
});

describe("assertQuality", () => {
  const a = load("DUP_1d.csv").quality;
  const b = { ...load("NEGVOL_1d.csv").quality, symbol: "OTHER" };
  const clean = load("GAPS_1d.csv").quality;

  it("does nothing in warn mode or without critical issues", () => {
    expect(() => assertQuality([a, b], "warn")).not.toThrow();
    expect(() => assertQuality([clean], "fail")).not.toThrow();
  });

  it("lists every issue per symbol in fail mode", () => {
    try {
      assertQuality([a, clean, b], "fail");
      expect.unreachable();
    } catch (error) {
      const issues = (error as EngineValidationError).issues;
      expect(issues.map((i) => i.loc)).toEqual([["data_quality_mode"], ["data_quality_mode"]]);
      expect(issues[0].msg).toBe(`data quality check failed for DEF: ${a.issues[0]} (use data_quality_mode "warn" to run anyway)`);
      expect(issues[1].msg).toBe(`data quality check failed for OTHER: ${b.issues.join("; ")} (use data_quality_mode "warn" to run anyway)`);
    }
  });
});

describe("countMissingIntervals", () => {
  const H = 3_600_000;
  const M = 60_000;
  const D = 86_400_000;
  const mon = Date.UTC(2024, 0, 8);
  const count = (symbol: string, res: Resolution, ts: number[]) => countMissingIntervals(symbol, res, Float64Array.from(ts));
  it("counts weekday gaps for equity daily data and day gaps for crypto", () => {
    expect(count("AAPL", "day", [mon - 3 * D, mon, mon + 3 * D])).toBe(2); // Fri, Mon, Thu: Tue+Wed missing
    expect(count("BTC-USD", "day", [mon - 3 * D, mon, mon + 3 * D])).toBe(4);
  });
  it("counts fixed-interval gaps for crypto intraday", () => {
    expect(count("BTC-USD", "hour", [mon, mon + H, mon + 4 * H, mon + 30 * H])).toBe(2 + 25);
    expect(count("BTC-USD", "minute", [mon, mon + 90_000])).toBe(1);
  });
  it("counts only in-day holes and whole missing weekdays for equity intraday", () => {
    const open = mon + 14.5 * H;
    expect(count("AAPL", "minute", [open, open + M, open + 5 * M])).toBe(3);
    expect(count("AAPL", "minute", [open - D - D - D + 389 * M, open])).toBe(0); // Friday close to Monday open
    expect(count("AAPL", "minute", [open, open + 2 * D])).toBe(390); // Tuesday missing
    expect(count("AAPL", "hour", [open, open + 7 * D])).toBe(4 * 7);
  });
});
