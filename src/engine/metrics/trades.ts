/**
 * Trade statistics over fills. A closing fill is one that reduces a position; the simulation
 * marks it by giving it a `realized_pnl` (net of that fill's commission); other fills carry null.
 * A closing fill that leaves the position flat (or flips it) also ends a round trip and carries
 * `closesPosition: true`; a partial trim is a closing fill but not the end of a round trip.
 */
import { finiteOrNull } from "./stats.ts";

/** The fields of a fill that the metrics read (a simulation `Fill` satisfies this). */
export interface MetricsFill {
  /** Realised P&L net of commission on closing fills, account currency; `null` otherwise. */
  realized_pnl: number | null;
  /** Commission charged, account currency. */
  commission: number;
  /** Slippage cost, account currency. */
  slippage_cost: number;
  /** Filled quantity (positive). */
  shares: number;
  /** Fill price. */
  price: number;
  /**
   * True when this fill ends a round trip: its symbol's position was not 0 before it and is 0,
   * or of the opposite sign, after it. Partial trims are false.
   */
  closesPosition: boolean;
}

/** Statistics over a list of fills; money amounts in account currency. */
export interface TradeStats {
  totalTrades: number;
  roundTrips: number;
  winRatePct: number | null;
  profitFactor: number | null;
  averageWin: number | null;
  averageLoss: number | null;
  largestWin: number | null;
  largestLoss: number | null;
  totalCommissions: number;
  totalSlippageCost: number;
  tradedNotional: number;
}

/**
 * Trade statistics (see `MetricsSummary` for each field's definition and null cases).
 * `roundTrips` counts fills with `closesPosition: true`. The win/loss figures are over closing
 * fills, those with a non-null `realized_pnl` (partial trims included, engine spec §5); a P&L
 * of exactly 0 is neither a win nor a loss but counts in the win-rate denominator. Sums use
 * plain left-to-right addition in fill order, so results are deterministic for a given fill list.
 */
export function tradeStats(fills: readonly MetricsFill[]): TradeStats {
  let closing = 0;
  let roundTrips = 0;
  let wins = 0;
  let losses = 0;
  let grossWin = 0;
  let grossLoss = 0;
  let largestWin = -Infinity;
  let largestLoss = Infinity;
  let commissions = 0;
  let slippage = 0;
  let notional = 0;
  for (const f of fills) {
    commissions += f.commission;
    slippage += f.slippage_cost;
    notional += Math.abs(f.shares * f.price);
    const pnl = f.realized_pnl;
    if (f.closesPosition) roundTrips++;
    if (pnl === null) continue;
    closing++;
    if (pnl > 0) {
      wins++;
      grossWin += pnl;
      if (pnl > largestWin) largestWin = pnl;
    } else if (pnl < 0) {
      losses++;
      grossLoss += pnl;
      if (pnl < largestLoss) largestLoss = pnl;
    }
  }
  return {
    totalTrades: fills.length,
    roundTrips,
    winRatePct: closing > 0 ? finiteOrNull((wins / closing) * 100) : null,
    profitFactor: losses > 0 ? finiteOrNull(grossWin / -grossLoss) : null,
    averageWin: wins > 0 ? finiteOrNull(grossWin / wins) : null,
    averageLoss: losses > 0 ? finiteOrNull(grossLoss / losses) : null,
    largestWin: wins > 0 ? largestWin : null,
    largestLoss: losses > 0 ? largestLoss : null,
    totalCommissions: commissions,
    totalSlippageCost: slippage,
    tradedNotional: notional,
  };
}
