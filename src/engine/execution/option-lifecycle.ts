/** The records of a short call's life: opening (sell to open) and settlement at expiry. */
import type { OptionValuation } from "../options/black-scholes.ts";
import type { OptionEvent, OptionTrade } from "../simulation-types.ts";
import type { CommissionModel } from "./cost-models.ts";

/** An open short call on one symbol. */
export interface ShortCall {
  contract: string;
  strike: number;
  /** UTC ms. */
  expiry: number;
  contracts: number;
  /** Premium per share received when written. */
  premium: number;
}

/** Prices a call from spot, strike and remaining time in ms, at a fixed implied volatility. */
export interface CallValuer {
  readonly volatility: number;
  value(spot: number, strike: number, remainingMs: number): OptionValuation;
}

const SIZE = 100;

/** Contract name `SYMBOL-YYYYMMDD-C<strike>`, e.g. `AAPL-20240315-C105.5`. */
export function contractName(symbol: string, expiry: number, strike: number): string {
  const day = new Date(expiry).toISOString().slice(0, 10).replaceAll("-", "");
  return `${symbol}-${day}-C${strike}`;
}

/**
 * Strike for a spot and an out-of-the-money percentage: `spot × (1 + otmPct/100)` rounded up to
 * the tick (0.1 below 10, 0.5 below 100, else 1), so it is never closer to spot than asked.
 */
export function strikeFor(spot: number, otmPct: number): number {
  const raw = spot * (1 + otmPct / 100);
  const tick = raw < 10 ? 0.1 : raw < 100 ? 0.5 : 1;
  const ticks = Math.ceil(raw / tick - 1e-9);
  return tick === 0.1 ? ticks / 10 : ticks * tick;
}

/** A call sold to open at time `t` with the underlying at `spot`. */
export function openCall(
  symbol: string,
  strike: number,
  expiry: number,
  contracts: number,
  t: number,
  spot: number,
  valuer: CallValuer,
  commissionModel: CommissionModel,
): { call: ShortCall; trade: OptionTrade; event: OptionEvent } {
  const contract = contractName(symbol, expiry, strike);
  const v = valuer.value(spot, strike, expiry - t);
  const gross = v.price * SIZE * contracts;
  const commission = gross > 0 ? commissionModel.commission(SIZE * contracts, v.price) : 0;
  const trade: OptionTrade = {
    timestamp: t, symbol, contract, action: "SELL_TO_OPEN", contracts, strike, expiry,
    premium: v.price, cash_flow: gross - commission, commission, underlying_price: spot,
    implied_volatility: valuer.volatility, greeks: v.greeks,
  };
  const message = `wrote ${contracts} ${contract} at ${v.price.toFixed(4)} (spot ${spot})`;
  const event: OptionEvent = { timestamp: t, symbol, event: "written", contract, strike, expiry, message };
  return { call: { contract, strike, expiry, contracts, premium: v.price }, trade, event };
}

/**
 * Settles `call` at its expiry bar's close: assigned when `close > strike` (the caller sells the
 * shares at the strike; the trade's premium is the intrinsic value and its cash flow 0, as the
 * cash moves through that stock sale), else expired worthless.
 */
export function settleCall(
  symbol: string,
  call: ShortCall,
  t: number,
  close: number,
  valuer: CallValuer,
): { trade: OptionTrade; event: OptionEvent; assigned: boolean } {
  const assigned = close > call.strike;
  const v = valuer.value(close, call.strike, 0);
  const trade: OptionTrade = {
    timestamp: t, symbol, contract: call.contract, action: assigned ? "ASSIGNED" : "EXPIRED",
    contracts: call.contracts, strike: call.strike, expiry: call.expiry, premium: v.price, cash_flow: 0,
    commission: 0, underlying_price: close, implied_volatility: valuer.volatility, greeks: v.greeks,
  };
  const message = assigned
    ? `${call.contract} assigned: ${call.contracts * SIZE} shares called away at ${call.strike} (close ${close})`
    : `${call.contract} expired worthless (close ${close})`;
  const event: OptionEvent = {
    timestamp: t, symbol, event: assigned ? "assigned" : "expired", contract: call.contract,
    strike: call.strike, expiry: call.expiry, message,
  };
  return { trade, event, assigned };
}
