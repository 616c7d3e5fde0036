/** `buy_and_hold` (engine spec §3.1). */
import type { DecisionBook, Strategy } from "./strategy.ts";
import { allocationQty } from "./strategy.ts";

/**
 * On each symbol's first bar, targets `position_size × equity / number of symbols` worth of it
 * at that bar's close; never sells.
 */
export function createBuyAndHold(params: { position_size: number }, closes: readonly Float64Array[]): Strategy {
  return {
    allowShort: false,
    onBar(s: number, i: number, book: DecisionBook): void {
      if (i === 0) book.setTarget(s, allocationQty(book, s, params.position_size, closes[s][0]));
    },
  };
}
