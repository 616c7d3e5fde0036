/**
 * Short European calls written against held shares (the `covered_call` strategy): writing at a
 * later bar's open, marking at every close, and settling at expiry.
 */
import { blackScholes } from "../options/black-scholes.ts";
import type { BarSeries } from "../types.ts";
import type { OptionEvent, OptionTrade } from "../simulation-types.ts";
import type { Broker } from "./broker.ts";
import type { CommissionModel } from "./cost-models.ts";
import { openCall, settleCall } from "./option-lifecycle.ts";
import type { CallValuer, ShortCall } from "./option-lifecycle.ts";

/** Shares per option contract. */
export const CONTRACT_SIZE = 100;

const YEAR_MS = 365 * 86_400_000;

/** Pricing inputs shared by every call of a run (annual fractions). */
export interface OptionPricing {
  volatility: number;
  riskFreeRate: number;
  dividendYield: number;
}

interface WriteOrder {
  strike: number;
  contracts: number;
  dueIndex: number;
}

/**
 * At most one short call per symbol. A write decided at bar `i` executes at the open of bar
 * `i + delayBars` (after that bar's stock fills), for `min(contracts, shares held / 100)`
 * contracts, expiring `daysToExpiry` calendar days after that bar; the premium is the
 * Black–Scholes price at the open with the remaining time, and the commission is the stock
 * commission model applied to `100 × contracts` at the premium (premium notional); a call whose
 * premium does not cover that commission is not written (so writing never costs cash). The expiry bar
 * is the first bar at or after expiry: at its close a call with close > strike is assigned (the
 * shares are sold at the strike through the broker), else it expires worthless.
 */
export class OptionDesk {
  readonly trades: OptionTrade[] = [];
  readonly events: OptionEvent[] = [];
  /** Current mark (price × 100 × contracts) of each symbol's short call, 0 when none. */
  readonly mark: Float64Array;
  /** True once any call has been written (lets the loop skip the desk otherwise). */
  active = false;
  private readonly calls: (ShortCall | null)[];
  private readonly writes: (WriteOrder | null)[];
  private readonly valuer: CallValuer;

  constructor(
    private readonly series: readonly BarSeries[],
    private readonly broker: Broker,
    private readonly commission: CommissionModel,
    pricing: OptionPricing,
    private readonly delayBars: number,
    private readonly daysToExpiry: number,
  ) {
    this.mark = new Float64Array(series.length);
    this.calls = series.map(() => null);
    this.writes = series.map(() => null);
    this.valuer = {
      volatility: pricing.volatility,
      value: (spot, strike, remainingMs) =>
        blackScholes({
          type: "call",
          spot,
          strike,
          timeYears: remainingMs / YEAR_MS,
          volatility: pricing.volatility,
          riskFreeRate: pricing.riskFreeRate,
          dividendYield: pricing.dividendYield,
        }),
    };
  }

  /** True when `s` has an open short call or a write order waiting. */
  hasCall(s: number): boolean {
    return this.calls[s] !== null || this.writes[s] !== null;
  }

  /** Orders a call of `contracts` at `strike` on `s`, decided at its current bar. */
  write(s: number, strike: number, contracts: number): void {
    this.writes[s] = { strike, contracts, dueIndex: this.broker.current[s] + this.delayBars };
    this.active = true;
  }

  /** Σ marks of all open calls (a liability), account currency. */
  liability(): number {
    let total = 0;
    for (let s = 0; s < this.mark.length; s++) total += this.mark[s];
    return total;
  }

  /** Executes a due write of `s` at bar `i`'s open. */
  onOpen(s: number, i: number): void {
    const order = this.writes[s];
    if (order === null || order.dueIndex > i) return;
    this.writes[s] = null;
    const bars = this.series[s];
    const t = bars.timestamps[i];
    const held = Math.floor(Math.max(0, this.broker.ledger.position[s]) / CONTRACT_SIZE);
    const contracts = Math.min(order.contracts, held);
    if (contracts === 0) {
      this.broker.logs.push({ timestamp: t, level: "warn", message: `${bars.symbol}: call not written, fewer than ${CONTRACT_SIZE} shares held` });
      return;
    }
    const expiry = t + this.daysToExpiry * 86_400_000;
    const call = openCall(bars.symbol, order.strike, expiry, contracts, t, bars.open[i], this.valuer, this.commission);
    // A premium that does not cover its commission would cost cash (and could overdraw it): skip.
    if (call.trade.cash_flow <= 0) {
      const message = `${bars.symbol}: call not written, premium ${(call.trade.premium * CONTRACT_SIZE * contracts).toFixed(4)} does not cover its commission ${call.trade.commission.toFixed(2)}`;
      this.broker.logs.push({ timestamp: t, level: "warn", message });
      return;
    }
    this.broker.ledger.cash += call.trade.cash_flow;
    this.calls[s] = call.call;
    this.trades.push(call.trade);
    this.events.push(call.event);
  }

  /** Marks `s`'s call at bar `i`'s close, settling it when the bar is at or after expiry. */
  onClose(s: number, i: number): void {
    const call = this.calls[s];
    if (call === null) return;
    const bars = this.series[s];
    const t = bars.timestamps[i];
    const close = bars.close[i];
    if (t < call.expiry) {
      this.mark[s] = this.valuer.value(close, call.strike, call.expiry - t).price * CONTRACT_SIZE * call.contracts;
      return;
    }
    this.mark[s] = 0;
    this.calls[s] = null;
    const settled = settleCall(bars.symbol, call, t, close, this.valuer);
    this.trades.push(settled.trade);
    this.events.push(settled.event);
    if (settled.assigned) {
      this.broker.assign(s, call.contracts * CONTRACT_SIZE, call.strike, t, `call ${call.contract} assigned`);
    }
  }
}
