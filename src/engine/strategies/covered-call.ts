/** `covered_call` (engine spec §3.6). */
import { CONTRACT_SIZE } from "../execution/option-desk.ts";
import { strikeFor } from "../execution/option-lifecycle.ts";
import type { DecisionBook, Strategy } from "./strategy.ts";

/** Effective parameters of `covered_call` (pricing inputs are read by the option desk). */
export interface CoveredCallParams {
  contracts: number;
  call_otm_pct: number;
  days_to_expiry: number;
  implied_volatility: number;
  dividend_yield: number;
}

/**
 * Per symbol, at every bar: targets `100 × contracts` shares (buying back after an assignment);
 * when no call is open or ordered and at least 100 shares are held or ordered, orders a call at
 * `strikeFor(close, call_otm_pct)` for as many contracts as those shares cover (the write fills
 * with the shares at the next bar's open).
 */
export function createCoveredCall(p: CoveredCallParams, closes: readonly Float64Array[]): Strategy {
  const shares = CONTRACT_SIZE * p.contracts;
  return {
    allowShort: false,
    onBar(s: number, i: number, book: DecisionBook): void {
      const close = closes[s][i];
      if (!(close > 0)) return;
      const held = book.position(s) + book.pending(s);
      if (held < shares) book.setTarget(s, shares);
      const covered = Math.floor((book.position(s) + book.pending(s)) / CONTRACT_SIZE);
      if (covered >= 1 && !book.options.hasCall(s)) {
        book.options.write(s, strikeFor(close, p.call_otm_pct), Math.min(p.contracts, covered));
      }
    },
  };
}
