/** Pluggable slippage and commission models (engine spec §4). */
import type { ExecutionSettings } from "../types.ts";
import { roundToStep, truncToStep } from "./quantity.ts";
import { SLIPPAGE_BPS_LIMIT } from "./settings.ts";

/** Turns a bar's open into the price a market order fills at. */
export interface SlippageModel {
  /** Fill price for a buy (`side` 1) or sell (`side` −1) at `open`. */
  fillPrice(open: number, side: 1 | -1): number;
}

/** Commission charged for one fill. */
export interface CommissionModel {
  /** Commission in account currency for `shares` (> 0) at `price`. */
  commission(shares: number, price: number): number;
  /**
   * Largest multiple of `step` (1 or 1e-8) whose `shares × price + commission` fits in
   * `budget`; 0 when none does.
   */
  maxShares(budget: number, price: number, step: number): number;
}

function requireNonNegative(name: string, value: number): void {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${name} must be a finite number ≥ 0 (got ${value})`);
}

/**
 * Fixed basis-point slippage: buys at `open × (1 + bps/1e4)`, sells at `open × (1 − bps/1e4)`.
 * Throws RangeError unless 0 ≤ bps < {@link SLIPPAGE_BPS_LIMIT} (a sell price must stay positive).
 */
export function createBpsSlippage(bps: number): SlippageModel {
  requireNonNegative("slippage_bps", bps);
  if (bps >= SLIPPAGE_BPS_LIMIT) throw new RangeError(`slippage_bps must be less than ${SLIPPAGE_BPS_LIMIT} (got ${bps})`);
  const up = 1 + bps / 1e4;
  const down = 1 - bps / 1e4;
  return { fillPrice: (open, side) => open * (side === 1 ? up : down) };
}

/**
 * Per-share plus percentage commission with a floor:
 * `max(minimum, perShare × shares + bps/1e4 × shares × price)`.
 */
export function createCommissionModel(perShare: number, bps: number, minimum: number): CommissionModel {
  requireNonNegative("commission_per_share", perShare);
  requireNonNegative("commission_bps", bps);
  requireNonNegative("minimum_commission", minimum);
  const rate = bps / 1e4;
  const commission = (shares: number, price: number) => Math.max(minimum, perShare * shares + rate * shares * price);
  const maxShares = (budget: number, price: number, step: number) => {
    // Cost ≤ budget needs both q·p + minimum ≤ budget and q·p·(1 + rate) + perShare·q ≤ budget.
    let q = Math.min(truncToStep((budget - minimum) / price, step), truncToStep(budget / (price * (1 + rate) + perShare), step));
    while (q > 0 && q * price + commission(q, price) > budget) q = roundToStep(q - step, step);
    return q > 0 ? q : 0;
  };
  return { commission, maxShares };
}

/** The default models for resolved settings. */
export function createCostModels(settings: ExecutionSettings): { slippage: SlippageModel; commission: CommissionModel } {
  return {
    slippage: createBpsSlippage(settings.slippage_bps),
    commission: createCommissionModel(settings.commission_per_share, settings.commission_bps, settings.minimum_commission),
  };
}
