/**
 * Asset classes and their trading calendars. Crypto-like tickers trade every day, around the
 * clock; everything else is treated as a US equity trading on weekdays in a session that is
 * fixed in UTC (14:30–21:00, i.e. 09:30–16:00 New York standard time; daylight saving time and
 * exchange holidays are deliberately ignored so the calendar is pure arithmetic).
 */
import type { Resolution } from "../types.ts";
import { DAY_MS, dayOfWeek } from "../util/time.ts";

/** Quote currencies that mark a dashed or slashed pair (`BTC-USD`, `ETH/EUR`) as crypto-like. */
export const CRYPTO_QUOTES: readonly string[] = ["USD", "USDT", "USDC", "EUR", "BTC", "ETH"];

/** Stablecoin suffixes that mark an undashed pair (`BTCUSDT`) as crypto-like. */
export const CRYPTO_SUFFIXES: readonly string[] = ["USDT", "USDC"];

/**
 * True for crypto-like tickers: `<BASE>-<QUOTE>` or `<BASE>/<QUOTE>` with a quote in
 * `CRYPTO_QUOTES` (e.g. `BTC-USD`, `ETH-USDT`, `SOL/EUR`), or `<BASE>USDT` / `<BASE>USDC` with a
 * non-empty base (e.g. `BTCUSDT`). Case-insensitive. Everything else (`AAPL`, `BRK.B`, `USDT`)
 * is an equity.
 */
export function isCryptoSymbol(symbol: string): boolean {
  const upper = symbol.toUpperCase();
  const sep = Math.max(upper.lastIndexOf("-"), upper.lastIndexOf("/"));
  if (sep > 0 && CRYPTO_QUOTES.includes(upper.slice(sep + 1))) return true;
  return CRYPTO_SUFFIXES.some((s) => upper.length > s.length && upper.endsWith(s) && !upper.includes("-"));
}

/** Start of the equity session, ms after 00:00 UTC (14:30 UTC). */
export const EQUITY_SESSION_OPEN_MS = 14.5 * 3_600_000;

/** Length of the equity session in ms (6.5 hours, ending 21:00 UTC). */
export const EQUITY_SESSION_LENGTH_MS = 6.5 * 3_600_000;

/**
 * Bar grid of one trading day: bar `k` (0 ≤ k < slots) starts at `day·DAY_MS + offsetMs + k·stepMs`.
 * Daily bars: one bar at 00:00 UTC. Crypto intraday: 24 hourly / 1440 minute bars from 00:00.
 * Equity intraday: 390 minute bars 14:30–20:59, or 7 hourly bars 14:30, 15:30, …, 20:30 (the
 * last covers the half hour to the 21:00 close).
 */
export interface SessionGrid {
  offsetMs: number;
  stepMs: number;
  slots: number;
}

/** The bar grid of a trading day for a ticker and resolution. */
export function sessionGrid(symbol: string, resolution: Resolution): SessionGrid {
  if (resolution === "day") return { offsetMs: 0, stepMs: DAY_MS, slots: 1 };
  const stepMs = resolution === "hour" ? 3_600_000 : 60_000;
  if (isCryptoSymbol(symbol)) return { offsetMs: 0, stepMs, slots: DAY_MS / stepMs };
  return { offsetMs: EQUITY_SESSION_OPEN_MS, stepMs, slots: Math.ceil(EQUITY_SESSION_LENGTH_MS / stepMs) };
}

/** True when UTC day index `day` is a trading day (crypto: always; equities: Monday–Friday). */
export function isTradingDay(day: number, crypto: boolean): boolean {
  if (crypto) return true;
  const dow = dayOfWeek(day);
  return dow !== 0 && dow !== 6;
}

// Weekdays among the first r days of a 7-day cycle that starts on a Thursday (day 0 = 1970-01-01).
const WEEKDAYS_IN_PREFIX = [0, 1, 2, 2, 2, 3, 4];

/** Number of trading days with index in [0, day) (negative for day < 0); O(1). */
export function tradingDaysBefore(day: number, crypto: boolean): number {
  if (crypto) return day;
  const weeks = Math.floor(day / 7);
  return weeks * 5 + WEEKDAYS_IN_PREFIX[day - weeks * 7];
}
