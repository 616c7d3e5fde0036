/** The contract between the bar loop and a strategy. */
import type { BacktestRequest, BarSeries } from "../types.ts";
import type { OptionDesk } from "../execution/option-desk.ts";
import { truncToStep } from "../execution/quantity.ts";

/** What a strategy is built from. */
export interface StrategyContext {
  /** The normalised request (timezone, risk-free rate, portfolio construction, …). */
  request: BacktestRequest;
  /** One series per request symbol, same order; strategies index symbols by position here. */
  series: readonly BarSeries[];
}

/**
 * The portfolio as a strategy sees it at a decision, and how it acts. Values are those of the
 * current master timestamp after its fills and closes (nothing later).
 */
export interface DecisionBook {
  /** Equity (cash + positions − short option value) at the current timestamp. */
  readonly equity: number;
  /** Highest equity so far, starting at the initial capital. */
  readonly peakEquity: number;
  readonly cash: number;
  /** Number of symbols in the run. */
  readonly symbolCount: number;
  /** Signed quantity held of symbol `s`. */
  position(s: number): number;
  /** Signed quantity of `s` ordered but not yet filled or cancelled. */
  pending(s: number): number;
  /** Latest close of `s` (0 before its first bar). */
  lastClose(s: number): number;
  /** Quantity step of `s` (1 or 1e-8). */
  lotStep(s: number): number;
  /** Orders what it takes to reach signed quantity `target` of `s` (the rest of position + pending). */
  setTarget(s: number, target: number): void;
  /** Short calls (used by `covered_call`). */
  readonly options: OptionDesk;
}

/**
 * A trading strategy. Each keeps independent state per symbol and decides only from data up
 * to and including the decision bar's close; it expresses intent as target quantities.
 */
export interface Strategy {
  /** Whether the strategy may hold negative positions. */
  readonly allowShort: boolean;
  /** Called for each symbol `s` with a bar (its index `i`) at the current timestamp, ascending `s`. */
  onBar?(s: number, i: number, book: DecisionBook): void;
  /** Called once per master timestamp `t` after the `onBar` calls (portfolio-wide strategies). */
  onStep?(t: number, book: DecisionBook): void;
}

/**
 * Signed target quantity for a single-asset allocation: `fraction × equity / symbolCount`
 * worth of `s` at `price`, rounded toward zero to its step; 0 when `price ≤ 0` or equity ≤ 0.
 */
export function allocationQty(book: DecisionBook, s: number, fraction: number, price: number): number {
  if (!(price > 0) || !(book.equity > 0)) return 0;
  return truncToStep((fraction * book.equity) / book.symbolCount / price, book.lotStep(s));
}
