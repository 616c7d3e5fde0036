/**
 * Small helpers over `BarSeries`: missing-interval counting, clean summaries and range slices.
 */
import type { BarSeries, DataQualitySummary, Resolution } from "../types.ts";
import { dayIndex } from "../util/time.ts";
import { isCryptoSymbol, sessionGrid, tradingDaysBefore } from "./asset-class.ts";

/**
 * Number of expected bars absent between consecutive timestamps (`timestamps[0..length)`, strictly
 * increasing). Daily: trading days without a bar (weekdays for equities, every day for crypto;
 * holidays count, there is no holiday calendar). Crypto intraday: grid slots missing between
 * bars. Equity intraday: grid slots missing between two bars of the same UTC day, plus a full
 * session's bars for every weekday without any bar; overnight and weekend gaps never count, so
 * data in either daylight-saving session is judged fairly.
 */
export function countMissingIntervals(symbol: string, resolution: Resolution, timestamps: Float64Array, length = timestamps.length): number {
  const crypto = isCryptoSymbol(symbol);
  const grid = sessionGrid(symbol, resolution);
  let missing = 0;
  for (let i = 1; i < length; i++) {
    const t0 = timestamps[i - 1];
    const t1 = timestamps[i];
    const d0 = dayIndex(t0);
    const d1 = dayIndex(t1);
    if (resolution === "day") {
      missing += Math.max(0, tradingDaysBefore(d1, crypto) - tradingDaysBefore(d0 + 1, crypto));
    } else if (crypto || d0 === d1) {
      missing += Math.max(0, Math.ceil((t1 - t0) / grid.stepMs) - 1);
    } else {
      missing += Math.max(0, tradingDaysBefore(d1, false) - tradingDaysBefore(d0 + 1, false)) * grid.slots;
    }
  }
  return missing;
}

/** Summary of an already clean series (every row kept); missing intervals are still counted. */
export function cleanSummary(series: BarSeries, sampleData: boolean): DataQualitySummary {
  const length = series.timestamps.length;
  const missing = countMissingIntervals(series.symbol, series.resolution, series.timestamps);
  return {
    symbol: series.symbol,
    rows_seen: length,
    bars: length,
    duplicate_timestamps: 0,
    missing_intervals: missing,
    inconsistent_ohlc: 0,
    negative_prices: 0,
    negative_volume: 0,
    sample_data: sampleData,
    issues: missing > 0 ? [missingIssue(missing, series.resolution)] : [],
    has_critical_issues: false,
  };
}

/** The readable issue line for `count` missing intervals. */
export function missingIssue(count: number, resolution: Resolution): string {
  return resolution === "day"
    ? `${count} missing trading day${count === 1 ? "" : "s"} (gaps between bars; not critical)`
    : `${count} missing ${resolution} bar${count === 1 ? "" : "s"} (gaps between bars; not critical)`;
}

/** Index of the first timestamp `>= ms` in ascending `timestamps` (epoch ms); `length` when there is none. */
export function lowerBound(timestamps: Float64Array, ms: number): number {
  let lo = 0;
  let hi = timestamps.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (timestamps[mid] < ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Bars with `startMs <= timestamp < endMs`, as views sharing the input's buffers (no copy). */
export function sliceSeries(series: BarSeries, startMs: number, endMs: number): BarSeries {
  const from = lowerBound(series.timestamps, startMs);
  const to = Math.max(from, lowerBound(series.timestamps, endMs));
  return {
    symbol: series.symbol,
    resolution: series.resolution,
    timestamps: series.timestamps.subarray(from, to),
    open: series.open.subarray(from, to),
    high: series.high.subarray(from, to),
    low: series.low.subarray(from, to),
    close: series.close.subarray(from, to),
    volume: series.volume.subarray(from, to),
  };
}
