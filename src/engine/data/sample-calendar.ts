/**
 * Counting and locating bars on a ticker's trading grid (see `sessionGrid`) in O(1), so a
 * request's size is known before anything is generated.
 */
import type { Resolution } from "../types.ts";
import { DAY_MS, dayIndex } from "../util/time.ts";
import { isCryptoSymbol, isTradingDay, sessionGrid, tradingDaysBefore } from "./asset-class.ts";
import type { SessionGrid } from "./asset-class.ts";

/** Bars of day `day` whose timestamp is strictly before `ms` (0..grid.slots). */
export function slotsBefore(grid: SessionGrid, day: number, ms: number): number {
  const k = Math.ceil((ms - day * DAY_MS - grid.offsetMs) / grid.stepMs);
  return k < 0 ? 0 : k > grid.slots ? grid.slots : k;
}

function barsBefore(grid: SessionGrid, crypto: boolean, ms: number): number {
  const day = dayIndex(ms);
  const partial = isTradingDay(day, crypto) ? slotsBefore(grid, day, ms) : 0;
  return tradingDaysBefore(day, crypto) * grid.slots + partial;
}

/**
 * Exact number of bars the sample generator produces for `symbol` with
 * `startMs <= timestamp < endMs` at `resolution` (0 when `endMs <= startMs`). O(1), so request
 * validation can reject oversized requests before generating anything.
 */
export function estimateBarCount(symbol: string, resolution: Resolution, startMs: number, endMs: number): number {
  if (!(endMs > startMs)) return 0;
  const grid = sessionGrid(symbol, resolution);
  const crypto = isCryptoSymbol(symbol);
  return barsBefore(grid, crypto, endMs) - barsBefore(grid, crypto, startMs);
}
