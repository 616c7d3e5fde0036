/** `ma_crossover` (engine spec §3.2). */
import { sma } from "../indicators/sma.ts";
import type { DecisionBook, Strategy } from "./strategy.ts";
import { allocationQty } from "./strategy.ts";

/** Effective parameters of `ma_crossover`. */
export interface MaCrossoverParams {
  short_period: number;
  long_period: number;
  position_size: number;
  allow_short: boolean;
}

/**
 * With `d = SMA(short) − SMA(long)`: a bar where `d > 0` after `d ≤ 0` on the previous bar is an
 * up-cross (target long `position_size × equity / symbols` at the close); `d < 0` after `d ≥ 0`
 * is a down-cross (target flat, or the same size short when `allow_short`). Other bars, and bars
 * where either average is not yet warm on this or the previous bar, do nothing.
 */
export function createMaCrossover(p: MaCrossoverParams, closes: readonly Float64Array[]): Strategy {
  const fast = closes.map((c) => sma(c, p.short_period));
  const slow = closes.map((c) => sma(c, p.long_period));
  return {
    allowShort: p.allow_short,
    onBar(s: number, i: number, book: DecisionBook): void {
      if (i === 0) return;
      const d = fast[s][i] - slow[s][i];
      const prev = fast[s][i - 1] - slow[s][i - 1];
      // NaN (not warm) fails every comparison, so warm-up bars never signal.
      if (d > 0 && prev <= 0) {
        book.setTarget(s, allocationQty(book, s, p.position_size, closes[s][i]));
      } else if (d < 0 && prev >= 0) {
        book.setTarget(s, p.allow_short ? -allocationQty(book, s, p.position_size, closes[s][i]) : 0);
      }
    },
  };
}
