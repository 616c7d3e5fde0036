/** `rsi` (engine spec §3.5). */
import { rsi } from "../indicators/rsi.ts";
import type { RsiSmoothing } from "../indicators/rsi.ts";
import type { DecisionBook, Strategy } from "./strategy.ts";
import { allocationQty } from "./strategy.ts";

/** Effective parameters of `rsi`. */
export interface RsiParams {
  lookback_period: number;
  oversold_threshold: number;
  overbought_threshold: number;
  smoothing: RsiSmoothing;
  position_size: number;
}

/**
 * Long only. RSI below `oversold_threshold` while flat (position + pending = 0) ⇒ target
 * `position_size × equity / symbols`; RSI above `overbought_threshold` while holding ⇒ target 0.
 */
export function createRsiStrategy(p: RsiParams, closes: readonly Float64Array[]): Strategy {
  const values = closes.map((c) => rsi(c, p.lookback_period, p.smoothing));
  return {
    allowShort: false,
    onBar(s: number, i: number, book: DecisionBook): void {
      const r = values[s][i];
      const held = book.position(s) + book.pending(s);
      if (r < p.oversold_threshold && held === 0) {
        book.setTarget(s, allocationQty(book, s, p.position_size, closes[s][i]));
      } else if (r > p.overbought_threshold && held > 0) {
        book.setTarget(s, 0);
      }
    },
  };
}
