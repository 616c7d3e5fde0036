/**
 * European option prices and greeks under Black–Scholes–Merton with a continuous dividend
 * yield `q`. Time is in years; rates, yield and volatility are annual fractions.
 */
import type { OptionGreeks } from "../simulation-types.ts";
import { normCdf, normPdf } from "./normal.ts";

/** Call or put. */
export type OptionType = "call" | "put";

/** Inputs of one European option valuation. */
export interface BlackScholesInput {
  type: OptionType;
  /** Underlying price; finite and > 0. */
  spot: number;
  /** Strike price; finite and > 0. */
  strike: number;
  /** Time to expiry in years; finite. ≤ 0 means expired (intrinsic value). */
  timeYears: number;
  /** Annual volatility as a fraction (0.2 = 20 %); finite and ≥ 0. */
  volatility: number;
  /** Continuously compounded annual risk-free rate as a fraction; finite. */
  riskFreeRate: number;
  /** Continuous annual dividend yield as a fraction; finite; default 0. */
  dividendYield?: number;
}

/** Price per share plus greeks (see {@link OptionGreeks} for their units). */
export interface OptionValuation {
  price: number;
  greeks: OptionGreeks;
}

/** Calendar days per year used to express theta per day. */
export const THETA_DAYS_PER_YEAR = 365;

const ZERO_GREEKS: Readonly<OptionGreeks> = Object.freeze({ delta: 0, gamma: 0, theta: 0, vega: 0, rho: 0 });

/**
 * Price and greeks of a European option (Merton 1973):
 * `call = S e^(−qT) N(d1) − K e^(−rT) N(d2)`, `put = K e^(−rT) N(−d2) − S e^(−qT) N(−d1)`,
 * `d1 = (ln(S/K) + (r − q + σ²/2) T) / (σ√T)`, `d2 = d1 − σ√T`.
 * Greeks per share: `delta` (∂V/∂S), `gamma` (∂²V/∂S²), `theta` (change in value per calendar day
 * as time passes, i.e. −∂V/∂T / 365), `vega` (per 0.01 of volatility), `rho` (per 0.01 of `r`).
 *
 * Edge cases: `timeYears ≤ 0` ⇒ intrinsic value, delta 1/−1 when strictly in the money else 0,
 * other greeks 0. `volatility = 0` ⇒ the deterministic limit: discounted payoff of the forward,
 * `max(S e^(−qT) − K e^(−rT), 0)` for a call (mirror for a put), with the matching delta, theta
 * and rho and zero gamma and vega (also at the money). Throws RangeError when spot or strike
 * is ≤ 0, volatility < 0, or any input is not finite.
 */
export function blackScholes(input: BlackScholesInput): OptionValuation {
  const { type, spot: s, strike: k, timeYears: t, volatility: sigma, riskFreeRate: r } = input;
  const q = input.dividendYield ?? 0;
  validate(s, k, t, sigma, r, q);
  if (t <= 0) return expired(type, s, k);
  if (sigma === 0) return deterministic(type, s, k, t, r, q);
  const sqrtT = Math.sqrt(t);
  const volSqrtT = sigma * sqrtT;
  const d1 = (Math.log(s / k) + (r - q + 0.5 * sigma * sigma) * t) / volSqrtT;
  const d2 = d1 - volSqrtT;
  const sDisc = s * Math.exp(-q * t);
  const kDisc = k * Math.exp(-r * t);
  const pdf = normPdf(d1);
  const gamma = (Math.exp(-q * t) * pdf) / (s * volSqrtT);
  const vega = (sDisc * pdf * sqrtT) / 100;
  const decay = -(sDisc * pdf * sigma) / (2 * sqrtT);
  if (type === "call") {
    const nd1 = normCdf(d1);
    const nd2 = normCdf(d2);
    const theta = (decay - r * kDisc * nd2 + q * sDisc * nd1) / THETA_DAYS_PER_YEAR;
    const greeks = { delta: Math.exp(-q * t) * nd1, gamma, theta, vega, rho: (k * t * Math.exp(-r * t) * nd2) / 100 };
    return { price: Math.max(0, sDisc * nd1 - kDisc * nd2), greeks };
  }
  const nmd1 = normCdf(-d1);
  const nmd2 = normCdf(-d2);
  const theta = (decay + r * kDisc * nmd2 - q * sDisc * nmd1) / THETA_DAYS_PER_YEAR;
  const greeks = { delta: -Math.exp(-q * t) * nmd1, gamma, theta, vega, rho: -(k * t * Math.exp(-r * t) * nmd2) / 100 };
  return { price: Math.max(0, kDisc * nmd2 - sDisc * nmd1), greeks };
}

/** Price per share of a European option; see {@link blackScholes} for formula and edge cases. */
export function blackScholesPrice(input: BlackScholesInput): number {
  return blackScholes(input).price;
}

/** Greeks of a European option; see {@link blackScholes} for units and edge cases. */
export function blackScholesGreeks(input: BlackScholesInput): OptionGreeks {
  return blackScholes(input).greeks;
}

function validate(s: number, k: number, t: number, sigma: number, r: number, q: number): void {
  if (!Number.isFinite(s) || s <= 0) throw new RangeError("spot must be finite and > 0");
  if (!Number.isFinite(k) || k <= 0) throw new RangeError("strike must be finite and > 0");
  if (!Number.isFinite(sigma) || sigma < 0) throw new RangeError("volatility must be finite and >= 0");
  if (!Number.isFinite(t) || !Number.isFinite(r) || !Number.isFinite(q)) {
    throw new RangeError("timeYears, riskFreeRate and dividendYield must be finite");
  }
}

function expired(type: OptionType, s: number, k: number): OptionValuation {
  if (type === "call") return { price: Math.max(s - k, 0), greeks: { ...ZERO_GREEKS, delta: s > k ? 1 : 0 } };
  return { price: Math.max(k - s, 0), greeks: { ...ZERO_GREEKS, delta: s < k ? -1 : 0 } };
}

function deterministic(type: OptionType, s: number, k: number, t: number, r: number, q: number): OptionValuation {
  const sDisc = s * Math.exp(-q * t);
  const kDisc = k * Math.exp(-r * t);
  const sign = type === "call" ? 1 : -1;
  if (!(sign * (sDisc - kDisc) > 0)) return { price: 0, greeks: { ...ZERO_GREEKS } };
  return {
    price: sign * (sDisc - kDisc),
    greeks: {
      delta: sign * Math.exp(-q * t),
      gamma: 0,
      theta: (sign * (q * sDisc - r * kDisc)) / THETA_DAYS_PER_YEAR,
      vega: 0,
      rho: (sign * k * t * Math.exp(-r * t)) / 100,
    },
  };
}
