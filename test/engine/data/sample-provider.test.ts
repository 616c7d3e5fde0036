import { describe, expect, it } from "vitest";
import { MAX_SAMPLE_BARS, checkSampleRequest, createSampleProvider } from "../../../src/engine/data/sample-provider.ts";
import { EngineValidationError } from "../../../src/engine/types.ts";

describe("createSampleProvider", () => {
  const provider = createSampleProvider();

  it("loads clean sample data marked as such", async () => {
    expect(provider.source).toBe("sample");
    const { series, quality } = await provider.load("AAPL", "day", Date.UTC(2024, 0, 1), Date.UTC(2024, 1, 1));
    expect(series.timestamps.length).toBe(23);
    expect(quality).toEqual({
      symbol: "AAPL", rows_seen: 23, bars: 23, duplicate_timestamps: 0, missing_intervals: 0, inconsistent_ohlc: 0,
      negative_prices: 0, negative_volume: 0, sample_data: true, issues: [], has_critical_issues: false,
    });
  });

  it("refuses more than 5,000,000 bars for one symbol", async () => {
    // BTC-USD minute bars: 1440 a day; 3473 days = 5,001,120 bars, 3472 days = 4,999,680.
    const start = Date.UTC(2015, 0, 1);
    expect(() => checkSampleRequest("BTC-USD", "minute", start, start + 3472 * 86_400_000)).not.toThrow();
    const error = await provider.load("BTC-USD", "minute", start, start + 3473 * 86_400_000).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(EngineValidationError);
    expect((error as EngineValidationError).issues).toEqual([{
      loc: ["end_date"], type: "value_error",
      msg: `the requested range would produce 5001120 minute bars for BTC-USD, more than the limit of ${MAX_SAMPLE_BARS} bars per symbol; shorten the date range or use a coarser resolution`,
    }]);
  });

  it("refuses dates outside 1900–2200", () => {
    expect(() => checkSampleRequest("AAPL", "day", Date.UTC(1899, 11, 31), Date.UTC(1901, 0, 1))).toThrow(/start_date: sample data starts at 1900-01-01T00:00:00.000Z/);
    expect(() => checkSampleRequest("AAPL", "day", Date.UTC(2199, 0, 1), Date.UTC(2200, 0, 2))).toThrow(/end_date: sample data ends at 2200-01-01T00:00:00.000Z/);
    expect(() => checkSampleRequest("AAPL", "day", Number.NaN, 0)).toThrow(EngineValidationError);
  });
});
