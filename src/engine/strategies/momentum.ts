/** `momentum` (engine spec §3.3). */
import { pctChange } from "../indicators/pct-change.ts";
import type { DecisionBook, Strategy } from "./strategy.ts";
import { allocationQty } from "./strategy.ts";

/** Effective parameters of `momentum`. */
export interface MomentumParams {
  lookback_period: number;
  momentum_threshold: number;
  rebalance_frequency: number;
  position_size: number;
}

/**
 * Decides on a symbol's bars `lookback_period + k × rebalance_frequency` (k = 0, 1, …; the first
 * bar with a percent change, then every `rebalance_frequency` bars). With `m` the percent change
 * over `lookback_period` bars: `m > threshold` while flat (position + pending = 0) ⇒ target
 * `position_size × equity / symbols`; `m < −threshold` while holding ⇒ target 0; otherwise hold
 * (an existing position is not resized).
 */
export function createMomentum(p: MomentumParams, closes: readonly Float64Array[]): Strategy {
  const change = closes.map((c) => pctChange(c, p.lookback_period));
  return {
    allowShort: false,
    onBar(s: number, i: number, book: DecisionBook): void {
      const k = i - p.lookback_period;
      if (k < 0 || k % p.rebalance_frequency !== 0) return;
      const m = change[s][i];
      const held = book.position(s) + book.pending(s);
      if (m > p.momentum_threshold && held === 0) {
        book.setTarget(s, allocationQty(book, s, p.position_size, closes[s][i]));
      } else if (m < -p.momentum_threshold && held !== 0) {
        book.setTarget(s, 0);
      }
    },
  };
}
