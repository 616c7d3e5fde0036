import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { blackScholes, blackScholesPrice } from "../../../src/engine/options/index.ts";
import type { BlackScholesInput, OptionType } from "../../../src/engine/options/index.ts";

const opt = (type: OptionType, spot: number, strike: number, timeYears: number, riskFreeRate: number, volatility: number, dividendYield = 0): BlackScholesInput => ({
  type, spot, strike, timeYears, riskFreeRate, volatility, dividendYield,
});

describe("published reference values", () => {
  // Hull, Options, Futures, and Other Derivatives, Black–Scholes–Merton example:
  // S = 42, K = 40, r = 10 %, σ = 20 %, T = 0.5 ⇒ d1 = 0.7693, d2 = 0.6278, c = 4.76, p = 0.81.
  it("Hull: c = 4.76, p = 0.81", () => {
    expect(blackScholesPrice(opt("call", 42, 40, 0.5, 0.1, 0.2))).toBeCloseTo(4.76, 2);
    expect(blackScholesPrice(opt("put", 42, 40, 0.5, 0.1, 0.2))).toBeCloseTo(0.81, 2);
  });

  // Haug, The Complete Guide to Option Pricing Formulas (2nd ed., 2007), generalized BSM with
  // cost of carry b = r − q; the book prints 4 decimals and annual (unscaled) greeks.
  it.each([
    // [what, input, field, book value, scale from our unit back to the book's]
    ["call price S=60 K=65 T=0.25 r=8% b=8% σ=30% ⇒ 2.1334", opt("call", 60, 65, 0.25, 0.08, 0.3), "price", 2.1334, 1],
    ["put price S=75 K=70 T=0.5 r=10% b=5% σ=35% ⇒ 4.0870", opt("put", 75, 70, 0.5, 0.1, 0.35, 0.05), "price", 4.087, 1],
    ["call delta S=105 K=100 T=0.5 r=10% b=0 σ=36% ⇒ 0.5946", opt("call", 105, 100, 0.5, 0.1, 0.36, 0.1), "delta", 0.5946, 1],
    ["put delta, same ⇒ −0.3566", opt("put", 105, 100, 0.5, 0.1, 0.36, 0.1), "delta", -0.3566, 1],
    ["gamma S=55 K=60 T=0.75 r=10% b=10% σ=30% ⇒ 0.0278", opt("call", 55, 60, 0.75, 0.1, 0.3), "gamma", 0.0278, 1],
    ["put theta S=430 K=405 T=0.0833 r=7% b=2% σ=20% ⇒ −31.1924 a year", opt("put", 430, 405, 0.0833, 0.07, 0.2, 0.05), "theta", -31.1924, 365],
    ["call rho S=72 K=75 T=1 r=9% b=9% σ=19% ⇒ 38.7325 per unit rate", opt("call", 72, 75, 1, 0.09, 0.19), "rho", 38.7325, 100],
  ] as const)("Haug: %s", (_what, input, field, book, scale) => {
    const v = blackScholes(input);
    const got = field === "price" ? v.price : v.greeks[field];
    expect(got * scale).toBeCloseTo(book, 4);
  });

  /*
   * Full-precision values from an independent implementation (Python, math.erfc for N(·)):
   * Hull inputs: c = 4.759422392871535, p = 0.8085993729000958, call delta 0.779131290942669,
   * gamma 0.04996267040591185, call theta −4.559092194592626 /yr, vega 8.813415059602853 per unit σ,
   * call rho 13.982045913360281 per unit r; put theta −0.7541744965897705, put rho −5.042542576653999.
   * Gamma example inputs: vega 18.93577734961786 per unit σ.
   */
  it("matches an independent implementation to ~1e-13", () => {
    const c = blackScholes(opt("call", 42, 40, 0.5, 0.1, 0.2));
    const p = blackScholes(opt("put", 42, 40, 0.5, 0.1, 0.2));
    expect(c.price).toBeCloseTo(4.759422392871535, 13);
    expect(p.price).toBeCloseTo(0.8085993729000958, 13);
    expect(c.greeks.delta).toBeCloseTo(0.779131290942669, 13);
    expect(p.greeks.delta).toBeCloseTo(0.779131290942669 - 1, 13);
    expect(c.greeks.gamma).toBeCloseTo(0.04996267040591185, 14);
    expect(c.greeks.theta).toBeCloseTo(-4.559092194592626 / 365, 14);
    expect(p.greeks.theta).toBeCloseTo(-0.7541744965897705 / 365, 14);
    expect(c.greeks.vega).toBeCloseTo(0.08813415059602853, 14);
    expect(c.greeks.rho).toBeCloseTo(0.13982045913360281, 14);
    expect(p.greeks.rho).toBeCloseTo(-0.05042542576653999, 14);
    expect(blackScholes(opt("call", 55, 60, 0.75, 0.1, 0.3)).greeks.vega).toBeCloseTo(0.1893577734961786, 14);
  });
});

const inputs = fc.record({
  spot: fc.double({ min: 1, max: 1000, noNaN: true }),
  moneyness: fc.double({ min: 0.5, max: 2, noNaN: true }),
  timeYears: fc.double({ min: 0.02, max: 3, noNaN: true }),
  riskFreeRate: fc.double({ min: -0.02, max: 0.15, noNaN: true }),
  dividendYield: fc.double({ min: 0, max: 0.08, noNaN: true }),
  volatility: fc.double({ min: 0.05, max: 1.2, noNaN: true }),
});

describe("properties", () => {
  it("put–call parity: C − P = S e^(−qT) − K e^(−rT)", () => {
    fc.assert(
      fc.property(inputs, ({ spot, moneyness, timeYears, riskFreeRate, dividendYield, volatility }) => {
        const base = { spot, strike: spot * moneyness, timeYears, riskFreeRate, dividendYield, volatility };
        const c = blackScholesPrice({ ...base, type: "call" });
        const p = blackScholesPrice({ ...base, type: "put" });
        const forward = spot * Math.exp(-dividendYield * timeYears) - base.strike * Math.exp(-riskFreeRate * timeYears);
        expect(Math.abs(c - p - forward)).toBeLessThan(1e-10 * spot * Math.max(1, moneyness));
      }),
      { numRuns: 500 },
    );
  });

  it("greeks match central finite differences of the price", () => {
    // Steps scale with the natural width of the price curve (S σ √T for spot, σ for volatility,
    // T for time) so truncation error stays ~1e-6 relative even for short, low-volatility options.
    const close = (got: number, fd: number, abs: number) =>
      expect(Math.abs(got - fd)).toBeLessThanOrEqual(1e-5 * Math.max(Math.abs(got), Math.abs(fd)) + abs);
    fc.assert(
      fc.property(inputs, fc.constantFrom<OptionType>("call", "put"), (x, type) => {
        const base: BlackScholesInput = { ...x, strike: x.spot * x.moneyness, type };
        const price = (over: Partial<BlackScholesInput>) => blackScholesPrice({ ...base, ...over });
        const central = (key: "spot" | "volatility" | "riskFreeRate" | "timeYears", h: number) =>
          (price({ [key]: base[key] + h }) - price({ [key]: base[key] - h })) / (2 * h);
        const { greeks } = blackScholes(base);
        const hs = base.spot * base.volatility * Math.sqrt(base.timeYears) * 1e-3;
        const gamma = (price({ spot: base.spot + hs }) - 2 * price({}) + price({ spot: base.spot - hs })) / (hs * hs);
        const s = base.spot;
        close(greeks.delta, central("spot", hs), 1e-9);
        close(greeks.gamma * s, gamma * s, 1e-5);
        close(greeks.vega, central("volatility", base.volatility * 1e-4) / 100, 1e-10 * s);
        close(greeks.rho, central("riskFreeRate", 1e-5) / 100, 1e-10 * s);
        close(greeks.theta, -central("timeYears", base.timeYears * 1e-4) / 365, 1e-10 * s);
      }),
      { numRuns: 400 },
    );
  });

  it("call price lies within its no-arbitrage bounds", () => {
    fc.assert(
      fc.property(inputs, ({ spot, moneyness, timeYears, riskFreeRate, dividendYield, volatility }) => {
        const strike = spot * moneyness;
        const c = blackScholesPrice({ type: "call", spot, strike, timeYears, riskFreeRate, dividendYield, volatility });
        const lower = Math.max(0, spot * Math.exp(-dividendYield * timeYears) - strike * Math.exp(-riskFreeRate * timeYears));
        expect(c).toBeGreaterThanOrEqual(lower - 1e-9 * spot);
        expect(c).toBeLessThanOrEqual(spot * Math.exp(-dividendYield * timeYears) + 1e-9 * spot);
      }),
    );
  });
});

describe("edge cases", () => {
  it.each([
    // type, S, K, T ⇒ price, delta
    ["call", 110, 100, 0, 10, 1],
    ["call", 90, 100, 0, 0, 0],
    ["call", 100, 100, 0, 0, 0],
    ["put", 90, 100, 0, 10, -1],
    ["put", 110, 100, -0.1, 0, 0],
    ["put", 100, 100, 0, 0, 0],
  ] as const)("expired %s S=%d K=%d T=%d ⇒ intrinsic %d, delta %d", (type, s, k, t, price, delta) => {
    const v = blackScholes(opt(type, s, k, t, 0.05, 0.3));
    expect(v.price).toBe(price);
    expect(v.greeks).toEqual({ delta, gamma: 0, theta: 0, vega: 0, rho: 0 });
  });

  it("zero volatility: discounted forward payoff", () => {
    // S e^(−qT) = 110 e^(−0.02) = 107.82185406374307, K e^(−rT) = 100 e^(−0.05) = 95.1229424500714
    // call = 12.698911613671669; delta = e^(−0.02) = 0.9801986733067553
    // theta = (0.02 · 107.82185406 − 0.05 · 95.12294245) / 365 = −0.0071224932636402985
    // rho = 100 · 1 · e^(−0.05) / 100 = 0.951229424500714
    const c = blackScholes(opt("call", 110, 100, 1, 0.05, 0, 0.02));
    expect(c.price).toBeCloseTo(12.698911613671669, 12);
    expect(c.greeks.delta).toBeCloseTo(0.9801986733067553, 14);
    expect(c.greeks.theta).toBeCloseTo(-0.0071224932636402985, 15);
    expect(c.greeks.rho).toBeCloseTo(0.951229424500714, 14);
    expect(c.greeks.gamma).toBe(0);
    expect(c.greeks.vega).toBe(0);
    expect(blackScholes(opt("put", 110, 100, 1, 0.05, 0, 0.02))).toEqual({
      price: 0,
      greeks: { delta: 0, gamma: 0, theta: 0, vega: 0, rho: 0 },
    });
  });

  it("zero volatility agrees with the tiny-volatility limit away from the money", () => {
    const a = blackScholes(opt("put", 80, 100, 1, 0.05, 0, 0.01));
    const b = blackScholes(opt("put", 80, 100, 1, 0.05, 1e-6, 0.01));
    expect(a.price).toBeCloseTo(b.price, 9);
    expect(a.greeks.delta).toBeCloseTo(b.greeks.delta, 9);
    expect(a.greeks.theta).toBeCloseTo(b.greeks.theta, 9);
    expect(a.greeks.rho).toBeCloseTo(b.greeks.rho, 9);
  });

  it.each([
    ["spot 0", { spot: 0 }],
    ["negative spot", { spot: -1 }],
    ["strike 0", { strike: 0 }],
    ["negative volatility", { volatility: -0.1 }],
    ["NaN time", { timeYears: NaN }],
    ["infinite rate", { riskFreeRate: Infinity }],
    ["NaN dividend yield", { dividendYield: NaN }],
  ])("rejects %s", (_name, over) => {
    expect(() => blackScholes({ ...opt("call", 100, 100, 1, 0.05, 0.2), ...over })).toThrow(RangeError);
  });

  it("is deterministic and defaults the dividend yield to 0", () => {
    const a = blackScholes({ type: "call", spot: 100, strike: 105, timeYears: 0.25, riskFreeRate: 0.03, volatility: 0.25 });
    const b = blackScholes(opt("call", 100, 105, 0.25, 0.03, 0.25, 0));
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});
