import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { estimateBarCount } from "../../../src/engine/data/sample-calendar.ts";
import { generateSampleSeries } from "../../../src/engine/data/sample-generator.ts";
import { sampleParams } from "../../../src/engine/data/sample-params.ts";
import type { BarSeries, Resolution } from "../../../src/engine/types.ts";

const DAY = 86_400_000;
const utc = (y: number, m: number, d: number, h = 0, min = 0): number => Date.UTC(y, m - 1, d, h, min);
const COLUMNS = ["timestamps", "open", "high", "low", "close", "volume"] as const;

function barAt(s: BarSeries, ts: number): number[] {
  const i = s.timestamps.indexOf(ts);
  expect(i).toBeGreaterThanOrEqual(0);
  return COLUMNS.map((c) => s[c][i]);
}

function expectOverlapIdentical(a: BarSeries, b: BarSeries, from: number, to: number): number {
  let compared = 0;
  for (let i = 0; i < a.timestamps.length; i++) {
    const t = a.timestamps[i];
    if (t < from || t >= to) continue;
    expect(barAt(b, t)).toEqual(COLUMNS.map((c) => a[c][i]));
    compared++;
  }
  return compared;
}

describe("generateSampleSeries", () => {
  it("anchors well-known tickers at plausible prices", () => {
    const aapl = generateSampleSeries("AAPL", "day", utc(2020, 1, 1), utc(2020, 1, 2));
    expect(aapl.close[0]).toBeCloseTo(75, 9);
    const btc = generateSampleSeries("BTC-USD", "day", utc(2020, 1, 1), utc(2020, 1, 2));
    expect(btc.close[0]).toBeCloseTo(7200, 6);
    expect(sampleParams("spy").anchorPrice).toBe(322);
  });

  it("returns identical bars on repeated calls and different paths for different tickers", () => {
    const a = generateSampleSeries("ZZZT", "day", utc(2021, 1, 1), utc(2022, 1, 1));
    const b = generateSampleSeries("ZZZT", "day", utc(2021, 1, 1), utc(2022, 1, 1));
    const c = generateSampleSeries("ZZZU", "day", utc(2021, 1, 1), utc(2022, 1, 1));
    for (const col of COLUMNS) expect(Array.from(b[col])).toEqual(Array.from(a[col]));
    expect(Array.from(c.timestamps)).toEqual(Array.from(a.timestamps));
    expect(Array.from(c.close)).not.toEqual(Array.from(a.close));
    expect(a.symbol).toBe("ZZZT");
    expect(a.resolution).toBe("day");
  });

  const rangeCases: [Resolution, string, number, number, number, number][] = [
    ["day", "MSFT", utc(1995, 3, 1), utc(2024, 1, 1), utc(2019, 6, 1), utc(2031, 1, 1)],
    ["day", "ETH-USD", utc(2019, 12, 20), utc(2020, 1, 10), utc(2020, 1, 1), utc(2020, 3, 1)],
    ["hour", "NVDA", utc(2023, 1, 2), utc(2023, 3, 1), utc(2023, 2, 14, 16), utc(2023, 4, 1)],
    ["minute", "AAPL", utc(2024, 3, 4, 15, 7), utc(2024, 3, 6), utc(2024, 3, 5, 18, 3), utc(2024, 3, 8)],
    ["minute", "BTCUSDT", utc(2022, 5, 1), utc(2022, 5, 2, 12), utc(2022, 5, 1, 23, 30), utc(2022, 5, 3)],
  ];
  it.each(rangeCases)("is range independent at %s resolution (%s)", (res, symbol, s1, e1, s2, e2) => {
    const a = generateSampleSeries(symbol, res, s1, e1);
    const b = generateSampleSeries(symbol, res, s2, e2);
    const compared = expectOverlapIdentical(a, b, Math.max(s1, s2), Math.min(e1, e2));
    expect(compared).toBeGreaterThan(5);
  });

  it("keeps OHLC consistent and volume positive for any ticker and range", () => {
    const symbol = fc.stringMatching(/^[A-Z0-9.]{1,6}(-USD)?$/);
    const resolution = fc.constantFrom<Resolution>("day", "hour", "minute");
    const start = fc.integer({ min: utc(1950, 1, 1) / DAY, max: utc(2150, 1, 1) / DAY }).map((d) => d * DAY);
    fc.assert(
      fc.property(symbol, resolution, start, fc.integer({ min: 1, max: 40 }), (sym, res, startMs, days) => {
        const endMs = startMs + days * (res === "day" ? 30 : res === "hour" ? 3 : 1) * DAY;
        const s = generateSampleSeries(sym, res, startMs, endMs);
        expect(s.timestamps.length).toBe(estimateBarCount(sym, res, startMs, endMs));
        const bad: number[] = [];
        for (let i = 0; i < s.timestamps.length; i++) {
          const ok =
            (i === 0 || s.timestamps[i] > s.timestamps[i - 1]) &&
            s.timestamps[i] >= startMs && s.timestamps[i] < endMs &&
            s.low[i] > 0 && s.low[i] <= Math.min(s.open[i], s.close[i]) &&
            s.high[i] >= Math.max(s.open[i], s.close[i]) && Number.isFinite(s.high[i]) &&
            s.volume[i] > 0;
          if (!ok) bad.push(i);
        }
        expect(bad).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it("trades equities on weekdays only and crypto every day", () => {
    const eq = generateSampleSeries("AAPL", "day", utc(2024, 1, 1), utc(2024, 2, 1));
    const cr = generateSampleSeries("BTC-USD", "day", utc(2024, 1, 1), utc(2024, 2, 1));
    expect(eq.timestamps.length).toBe(23);
    expect(cr.timestamps.length).toBe(31);
    for (const t of eq.timestamps) expect([1, 2, 3, 4, 5]).toContain(new Date(t).getUTCDay());
    for (const t of [...eq.timestamps, ...cr.timestamps]) expect(t % DAY).toBe(0);
  });

  it("covers the equity session and the whole crypto day intraday", () => {
    const mins = generateSampleSeries("AAPL", "minute", utc(2024, 1, 5), utc(2024, 1, 9));
    expect(mins.timestamps.length).toBe(2 * 390); // Friday and Monday
    expect(mins.timestamps[0]).toBe(utc(2024, 1, 5, 14, 30));
    expect(mins.timestamps[389]).toBe(utc(2024, 1, 5, 20, 59));
    expect(mins.timestamps[390]).toBe(utc(2024, 1, 8, 14, 30));
    const hours = generateSampleSeries("AAPL", "hour", utc(2024, 1, 5), utc(2024, 1, 6));
    expect(Array.from(hours.timestamps, (t) => new Date(t).toISOString().slice(11, 16))).toEqual([
      "14:30", "15:30", "16:30", "17:30", "18:30", "19:30", "20:30",
    ]);
    const crypto = generateSampleSeries("ETH-USD", "hour", utc(2024, 1, 6), utc(2024, 1, 7));
    expect(crypto.timestamps.length).toBe(24);
    expect(crypto.timestamps[23]).toBe(utc(2024, 1, 6, 23));
  });

  it("ends each intraday day at that day's daily close and chains bars", () => {
    const daily = generateSampleSeries("TSLA", "day", utc(2024, 1, 2), utc(2024, 1, 3));
    const mins = generateSampleSeries("TSLA", "minute", utc(2024, 1, 2), utc(2024, 1, 3));
    expect(mins.open[0]).toBeCloseTo(daily.open[0], 9);
    expect(mins.close[389]).toBeCloseTo(daily.close[0], 9);
    for (let i = 1; i < 390; i++) expect(mins.open[i]).toBe(mins.close[i - 1]);
  });

  it("perf: prints the time for 500 symbols × 10 years of daily bars", () => {
    const start = utc(2014, 1, 1);
    const end = utc(2024, 1, 1);
    generateSampleSeries("WARM", "day", start, end);
    const t0 = performance.now();
    let bars = 0;
    for (let k = 0; k < 500; k++) bars += generateSampleSeries(`SYM${k}`, "day", start, end).timestamps.length;
    const ms = performance.now() - t0;
    console.log(`sample data: 500 symbols × 10y daily = ${bars} bars in ${ms.toFixed(0)} ms`);
    expect(bars).toBe(500 * 2608); // 521 weeks + Wed, Thu, Fri
  });
});
