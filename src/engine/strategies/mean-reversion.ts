/** `mean_reversion` (engine spec §3.4). */
import { zScore } from "../indicators/z-score.ts";
import type { DecisionBook, Strategy } from "./strategy.ts";
import { allocationQty } from "./strategy.ts";

/** Effective parameters of `mean_reversion`. */
export interface MeanReversionParams {
  lookback_period: number;
  entry_threshold: number;
  exit_threshold: number;
  position_size: number;
  max_position_size: number;
  allow_short: boolean;
}

/**
 * Keeps a signed exposure level per symbol (a fraction of its equity share). With `z` the
 * close's z-score over `lookback_period` bars:
 * - long (level > 0): `z > −exit` ⇒ exit to flat; else `z < −entry` ⇒ add `position_size` (capped
 *   at `max_position_size`);
 * - short (level < 0, only with `allow_short`): the mirror (`z < exit` ⇒ flat; `z > entry` ⇒ add);
 * - flat: `z < −entry` ⇒ level `position_size` long; `z > entry` with `allow_short` ⇒ short.
 * Every change targets `level × equity / symbols` at the close. An exit never flips in the
 * same bar; a flat z-score window (NaN) does nothing.
 */
export function createMeanReversion(p: MeanReversionParams, closes: readonly Float64Array[]): Strategy {
  const z = closes.map((c) => zScore(c, p.lookback_period));
  const level = new Float64Array(closes.length);
  const add = (current: number) => Math.min(current + p.position_size, p.max_position_size);
  const nextLevel = (current: number, v: number): number => {
    if (current > 0) return v > -p.exit_threshold ? 0 : v < -p.entry_threshold ? add(current) : current;
    if (current < 0) return v < p.exit_threshold ? 0 : v > p.entry_threshold ? -add(-current) : current;
    if (v < -p.entry_threshold) return p.position_size;
    if (v > p.entry_threshold && p.allow_short) return -p.position_size;
    return 0;
  };
  return {
    allowShort: p.allow_short,
    onBar(s: number, i: number, book: DecisionBook): void {
      const v = z[s][i];
      if (Number.isNaN(v)) return;
      const next = nextLevel(level[s], v);
      if (next === level[s]) return;
      level[s] = next;
      const qty = allocationQty(book, s, Math.abs(next), closes[s][i]);
      book.setTarget(s, next < 0 ? -qty : qty);
    },
  };
}
