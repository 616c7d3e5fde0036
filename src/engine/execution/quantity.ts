/** Quantity steps: whole shares for equities, 1e-8 units for crypto-like tickers. */
import { isCryptoSymbol } from "../data/asset-class.ts";

/** Quantity step of crypto-like tickers. */
export const CRYPTO_STEP = 1e-8;

/** Quantity step of `symbol`: 1e-8 for crypto-like tickers, else 1. */
export function lotStep(symbol: string): number {
  return isCryptoSymbol(symbol) ? CRYPTO_STEP : 1;
}

/**
 * `qty` rounded toward zero to a multiple of `step` (1 or 1e-8). A tiny tolerance keeps
 * values such as 2.9999999999 (float noise) at 3.
 */
export function truncToStep(qty: number, step: number): number {
  const units = qty / step;
  const t = Math.trunc(units + (units >= 0 ? 1e-9 : -1e-9));
  return step === 1 ? t : t / 1e8;
}

/** `qty` rounded to the nearest multiple of `step` (cleans accumulated float noise). */
export function roundToStep(qty: number, step: number): number {
  return step === 1 ? Math.round(qty) : Math.round(qty / step) / 1e8;
}
