import { describe, expect, it } from "vitest";
import { isCryptoSymbol, sessionGrid, tradingDaysBefore } from "../../../src/engine/data/asset-class.ts";
import { estimateBarCount } from "../../../src/engine/data/sample-calendar.ts";

describe("isCryptoSymbol", () => {
  it.each(["BTC-USD", "eth-usd", "ETH-USDT", "SOL-USDC", "BTC-EUR", "ETH-BTC", "BTC/USD", "BTCUSDT", "DOGEUSDC"])(
    "treats %s as crypto", (s) => expect(isCryptoSymbol(s)).toBe(true));
  it.each(["AAPL", "BRK.B", "BRK-B", "SPY", "USDT", "USD", "-USD", "AUSD", "X-USDX"])(
    "treats %s as an equity", (s) => expect(isCryptoSymbol(s)).toBe(false));
});

describe("sessionGrid", () => {
  it("describes equity and crypto sessions", () => {
    expect(sessionGrid("AAPL", "minute")).toEqual({ offsetMs: 52_200_000, stepMs: 60_000, slots: 390 });
    expect(sessionGrid("AAPL", "hour")).toEqual({ offsetMs: 52_200_000, stepMs: 3_600_000, slots: 7 });
    expect(sessionGrid("BTC-USD", "minute")).toEqual({ offsetMs: 0, stepMs: 60_000, slots: 1440 });
    expect(sessionGrid("BTC-USD", "day")).toEqual({ offsetMs: 0, stepMs: 86_400_000, slots: 1 });
  });
});

describe("tradingDaysBefore", () => {
  it("counts weekdays from 1970-01-01 in O(1), also before it", () => {
    const brute = (day: number): number => {
      let n = 0;
      const step = day >= 0 ? 1 : -1;
      for (let d = day >= 0 ? 0 : -1; day >= 0 ? d < day : d >= day; d += step) {
        const dow = (((d + 4) % 7) + 7) % 7;
        if (dow !== 0 && dow !== 6) n += step;
      }
      return n;
    };
    for (let d = -30; d <= 30; d++) expect(tradingDaysBefore(d, false)).toBe(brute(d));
    expect(tradingDaysBefore(7, false)).toBe(5);
    expect(tradingDaysBefore(-5, true)).toBe(-5);
  });
});

describe("estimateBarCount", () => {
  const jan = (d: number, h = 0, m = 0): number => Date.UTC(2024, 0, d, h, m);
  it("counts daily bars on weekdays for equities and every day for crypto", () => {
    expect(estimateBarCount("AAPL", "day", jan(1), jan(8))).toBe(5); // Mon 1 .. Fri 5
    expect(estimateBarCount("BTC-USD", "day", jan(1), jan(8))).toBe(7);
    expect(estimateBarCount("AAPL", "day", jan(1, 0, 1), jan(8))).toBe(4); // start after Monday's bar
    expect(estimateBarCount("AAPL", "day", jan(6), jan(8))).toBe(0); // weekend
    expect(estimateBarCount("AAPL", "day", jan(8), jan(1))).toBe(0);
  });

  it("counts intraday bars inside the session only", () => {
    expect(estimateBarCount("AAPL", "minute", jan(1), jan(8))).toBe(5 * 390);
    expect(estimateBarCount("AAPL", "hour", jan(1), jan(8))).toBe(5 * 7);
    expect(estimateBarCount("AAPL", "minute", jan(2, 14, 30), jan(2, 14, 40))).toBe(10);
    expect(estimateBarCount("AAPL", "minute", jan(2, 20, 55), jan(3, 14, 32))).toBe(5 + 2);
    expect(estimateBarCount("AAPL", "hour", jan(2, 15), jan(2, 23))).toBe(6); // 15:30 … 20:30
    expect(estimateBarCount("BTC-USD", "hour", jan(1), jan(2))).toBe(24);
    expect(estimateBarCount("BTC-USD", "minute", jan(1, 23, 59), jan(2, 0, 1))).toBe(2);
  });
});
