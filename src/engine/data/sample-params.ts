/**
 * Per-ticker parameters of the sample generator. Well-known tickers get plausible values; any
 * other ticker gets values derived from a hash of its name, so every ticker is reproducible.
 */
import { deriveSeed, fnv1a32, hashToUnit } from "../util/prng.ts";
import { isCryptoSymbol } from "./asset-class.ts";

/** Parameters of one ticker's geometric Brownian motion. */
export interface SampleTickerParams {
  /** Upper-cased ticker the parameters belong to. */
  symbol: string;
  crypto: boolean;
  /** Close on the anchor day 2020-01-01, in quote currency. */
  anchorPrice: number;
  /** Annualised drift of the price (fraction per 365.25-day year). */
  drift: number;
  /** Annualised volatility of log returns (fraction). */
  volatility: number;
  /** Mean volume of a daily bar (shares or coins). */
  dailyVolume: number;
  /** 32-bit seed every random stream of this ticker derives from. */
  seed: number;
}

// [anchor price on 2020-01-01, drift, volatility, daily volume]
const KNOWN: Readonly<Record<string, readonly [number, number, number, number]>> = {
  AAPL: [75, 0.18, 0.28, 110e6],
  MSFT: [158, 0.16, 0.26, 25e6],
  GOOGL: [68, 0.14, 0.29, 30e6],
  AMZN: [94, 0.15, 0.33, 60e6],
  TSLA: [28, 0.25, 0.6, 120e6],
  NVDA: [6, 0.3, 0.5, 400e6],
  META: [209, 0.12, 0.38, 18e6],
  SPY: [322, 0.08, 0.17, 70e6],
  QQQ: [212, 0.11, 0.22, 45e6],
  IWM: [166, 0.06, 0.22, 25e6],
  DIA: [285, 0.07, 0.17, 4e6],
  "BTC-USD": [7200, 0.35, 0.7, 30e3],
  "ETH-USD": [130, 0.35, 0.85, 400e3],
  "SOL-USD": [1.5, 0.4, 1.0, 2e6],
};

/**
 * Parameters for `symbol` (case-insensitive). Unknown equities: anchor price log-uniform in
 * [10, 500), drift in [-0.02, 0.16), volatility in [0.18, 0.48), volume in [1e6, 5e7).
 * Unknown crypto: price log-uniform in [0.5, 5000), drift in [0, 0.4), volatility in [0.6, 1.0),
 * volume in [1e5, 1e7).
 */
export function sampleParams(symbol: string): SampleTickerParams {
  const upper = symbol.toUpperCase();
  const crypto = isCryptoSymbol(upper);
  const seed = fnv1a32(upper);
  const known = KNOWN[upper];
  if (known !== undefined) {
    const [anchorPrice, drift, volatility, dailyVolume] = known;
    return { symbol: upper, crypto, anchorPrice, drift, volatility, dailyVolume, seed };
  }
  const paramSeed = deriveSeed(seed, "params");
  const u = (i: number): number => hashToUnit(paramSeed, i);
  const between = (lo: number, hi: number, x: number): number => lo + (hi - lo) * x;
  const logUniform = (lo: number, hi: number, x: number): number => lo * Math.exp(Math.log(hi / lo) * x);
  if (crypto) {
    return {
      symbol: upper, crypto, seed,
      anchorPrice: logUniform(0.5, 5000, u(0)),
      drift: between(0, 0.4, u(1)),
      volatility: between(0.6, 1.0, u(2)),
      dailyVolume: logUniform(1e5, 1e7, u(3)),
    };
  }
  return {
    symbol: upper, crypto, seed,
    anchorPrice: logUniform(10, 500, u(0)),
    drift: between(-0.02, 0.16, u(1)),
    volatility: between(0.18, 0.48, u(2)),
    dailyVolume: logUniform(1e6, 5e7, u(3)),
  };
}
