/** The rules that can shrink a market order at its fill bar. */
import type { CommissionModel } from "./cost-models.ts";
import { truncToStep } from "./quantity.ts";

/** Inputs of `limitFill`. */
export interface FillRequest {
  /** Requested quantity, positive. */
  requested: number;
  side: 1 | -1;
  /** Fill price after slippage. */
  price: number;
  open: number;
  volume: number;
  /** Current signed position. */
  position: number;
  cash: number;
  step: number;
  allowShort: boolean;
  participation: number;
  commission: CommissionModel;
}

/** Quantity that may fill (positive or 0), why it is less than requested, and whether that is a rejection. */
export interface FillLimit {
  qty: number;
  reason: string | null;
  rejected: boolean;
}

/**
 * Applies, in order: a valid open (> 0) or reject; no shorting unless allowed (sells capped at
 * the long position held); the volume cap (`participation × bar volume`, rounded toward zero
 * to the step; the remainder is cancelled); the cash cap for buys (so cash stays ≥ 0 after
 * price and commission).
 */
export function limitFill(r: FillRequest): FillLimit {
  if (!(r.open > 0)) return { qty: 0, reason: `invalid open price ${r.open}`, rejected: true };
  let qty = r.requested;
  let reason: string | null = null;
  let rejected = false;
  if (r.side < 0 && !r.allowShort && qty > Math.max(0, r.position)) {
    qty = Math.max(0, r.position);
    reason = "short selling not allowed: sell capped at the position held";
    rejected = true;
  }
  const cap = truncToStep(r.participation * Math.max(0, r.volume), r.step);
  if (qty > cap) {
    qty = cap;
    reason = `volume cap: at most ${cap} (${r.participation * 100}% of bar volume ${r.volume})`;
    rejected = false;
  }
  if (r.side > 0 && qty > 0 && qty * r.price + r.commission.commission(qty, r.price) > r.cash) {
    qty = r.commission.maxShares(r.cash, r.price, r.step);
    reason = `insufficient cash: buy reduced to ${qty} (cash ${r.cash})`;
    rejected = true;
  }
  return { qty, reason, rejected };
}
