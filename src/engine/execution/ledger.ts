/** Cash and average-cost positions (engine spec §4 accounting). */
import { roundToStep } from "./quantity.ts";

/**
 * Cash plus one average-cost position per symbol, in typed arrays.
 *
 * A fill in the position's direction (or from flat) re-averages the cost. A reducing fill
 * realises `closed × (price − average cost) × direction − commission` (the whole fill's
 * commission); a fill that flips the position (long to short or back) realises the closing
 * part the same way and opens the rest at the fill price. Commissions of opening fills are not
 * in any realised P&L, so `Σ realised + Σ unrealised − Σ opening commissions = equity − initial`
 * (slippage is inside the fill prices).
 */
export class Ledger {
  cash: number;
  /** Signed quantity per symbol. */
  readonly position: Float64Array;
  /** Average entry price per symbol (0 when flat). */
  readonly avgCost: Float64Array;
  /** Last close seen per symbol (0 before its first bar). */
  readonly lastClose: Float64Array;
  /** Quantity step per symbol (1 or 1e-8). */
  readonly step: Float64Array;

  constructor(initialCash: number, steps: readonly number[]) {
    this.cash = initialCash;
    this.position = new Float64Array(steps.length);
    this.avgCost = new Float64Array(steps.length);
    this.lastClose = new Float64Array(steps.length);
    this.step = Float64Array.from(steps);
  }

  /**
   * Books a fill of signed `qty` (positive buy) at `price` with `commission`; returns the
   * realised P&L when the fill reduces the position, else `null`.
   */
  apply(s: number, qty: number, price: number, commission: number): number | null {
    const pos = this.position[s];
    this.cash -= qty * price + commission;
    const next = roundToStep(pos + qty, this.step[s]);
    this.position[s] = next;
    if (pos === 0 || Math.sign(pos) === Math.sign(qty)) {
      this.avgCost[s] = (Math.abs(pos) * this.avgCost[s] + Math.abs(qty) * price) / Math.abs(next);
      return null;
    }
    const closed = Math.min(Math.abs(qty), Math.abs(pos));
    const realized = closed * (price - this.avgCost[s]) * Math.sign(pos) - commission;
    if (next === 0) this.avgCost[s] = 0;
    else if (Math.sign(next) !== Math.sign(pos)) this.avgCost[s] = price;
    return realized;
  }

  /** Σ position × last close over all symbols (signed), account currency. */
  marketValue(): number {
    let total = 0;
    for (let s = 0; s < this.position.length; s++) total += this.position[s] * this.lastClose[s];
    return total;
  }
}
