/**
 * Parameter schemas of the built-in strategies (engine spec §3) and the resolver that applies
 * their defaults and validates a request's `strategy.params`.
 */
import { EngineValidationError } from "../types.ts";
import type { EngineIssue } from "../types.ts";
import { checkCrossFieldRules, checkParamValue } from "./param-checks.ts";

/** Schema of one strategy parameter; `default` is used when the request omits it. */
export type ParamSpec =
  | {
      type: "number";
      default: number;
      min?: number;
      max?: number;
      exclusiveMin?: boolean;
      exclusiveMax?: boolean;
      unit?: string;
      description: string;
    }
  | { type: "integer"; default: number; min?: number; max?: number; unit?: string; description: string }
  | { type: "boolean"; default: boolean; description: string }
  | { type: "enum"; values: readonly string[]; default: string; description: string };

/** A registered strategy: its name, what it does, and its parameter schema (in spec order). */
export interface StrategyInfo {
  name: string;
  description: string;
  params: Readonly<Record<string, ParamSpec>>;
}

/** Longest look-back accepted for any period parameter, in bars. */
const MAX_PERIOD = 10_000;

const positionSize = (def: number, what: string): ParamSpec => ({
  type: "number",
  default: def,
  min: 0,
  max: 1,
  exclusiveMin: true,
  unit: "fraction of equity",
  description: what,
});

const period = (def: number, min: number, what: string): ParamSpec => ({
  type: "integer",
  default: def,
  min,
  max: MAX_PERIOD,
  unit: "bars",
  description: what,
});

const allowShort: ParamSpec = {
  type: "boolean",
  default: false,
  description: "Allow short positions (no borrow cost is charged).",
};

const SINGLE_ASSET_SIZE =
  "Fraction of equity to allocate, split equally across the request's symbols.";

/** The seven built-in strategies, in the order the API lists them. */
export const STRATEGY_INFOS: readonly StrategyInfo[] = [
  {
    name: "buy_and_hold",
    description: "On the first bar, buy every symbol with an equal share of position_size of equity; never sell.",
    params: { position_size: positionSize(0.95, SINGLE_ASSET_SIZE) },
  },
  {
    name: "ma_crossover",
    description:
      "Go long when SMA(short_period) crosses above SMA(long_period); go flat (or short when allowed) when it crosses below. Acts on crossings only.",
    params: {
      short_period: period(10, 1, "Fast simple-moving-average window."),
      long_period: period(20, 2, "Slow simple-moving-average window; must exceed short_period."),
      position_size: positionSize(0.95, SINGLE_ASSET_SIZE),
      allow_short: allowShort,
    },
  },
  {
    name: "momentum",
    description:
      "Every rebalance_frequency bars: hold the position when the percent change over lookback_period bars is above momentum_threshold, exit when it is below -momentum_threshold.",
    params: {
      lookback_period: period(10, 1, "Bars over which the percent change is measured."),
      momentum_threshold: {
        type: "number",
        default: 5.0,
        min: 0,
        unit: "percent",
        description: "Percent change needed to enter (and, negated, to exit).",
      },
      rebalance_frequency: period(5, 1, "Bars between decisions."),
      position_size: positionSize(0.95, SINGLE_ASSET_SIZE),
    },
  },
  {
    name: "mean_reversion",
    description:
      "Enter long when the close's z-score falls below -entry_threshold, scale in by position_size per bar up to max_position_size, exit when it rises above -exit_threshold (mirrored for shorts when allowed).",
    params: {
      lookback_period: period(20, 2, "Window of the rolling mean and sample standard deviation."),
      entry_threshold: {
        type: "number",
        default: 2.0,
        min: 0,
        exclusiveMin: true,
        unit: "z-score",
        description: "Entry distance from the mean, in standard deviations.",
      },
      exit_threshold: {
        type: "number",
        default: 0.5,
        min: 0,
        unit: "z-score",
        description: "Exit distance from the mean; must be less than entry_threshold.",
      },
      position_size: positionSize(0.25, "Fraction of the symbol's equity share added per scale-in step."),
      max_position_size: positionSize(0.95, "Largest total fraction of the symbol's equity share."),
      allow_short: allowShort,
    },
  },
  {
    name: "rsi",
    description: "Buy when RSI falls below oversold_threshold; exit when it rises above overbought_threshold.",
    params: {
      lookback_period: period(14, 1, "RSI window."),
      oversold_threshold: {
        type: "number",
        default: 30,
        min: 0,
        max: 100,
        unit: "RSI points",
        description: "Buy below this RSI; must be less than overbought_threshold.",
      },
      overbought_threshold: {
        type: "number",
        default: 70,
        min: 0,
        max: 100,
        unit: "RSI points",
        description: "Exit above this RSI.",
      },
      smoothing: {
        type: "enum",
        values: ["wilder", "simple"],
        default: "wilder",
        description: "Wilder's smoothing of gains/losses, or a simple rolling average.",
      },
      position_size: positionSize(0.95, SINGLE_ASSET_SIZE),
    },
  },
  {
    name: "covered_call",
    description:
      "Hold 100 x contracts shares per symbol and keep one call per 100 shares written call_otm_pct above spot, priced with Black-Scholes; roll at expiry (assigned or worthless).",
    params: {
      contracts: { type: "integer", default: 1, min: 1, max: 1_000_000, unit: "contracts", description: "Calls per symbol (100 shares each)." },
      call_otm_pct: { type: "number", default: 5.0, min: 0, max: 1000, unit: "percent", description: "Strike distance above spot." },
      days_to_expiry: { type: "integer", default: 30, min: 1, max: 730, unit: "calendar days", description: "Life of each written call." },
      implied_volatility: {
        type: "number",
        default: 0.25,
        min: 0,
        max: 5,
        exclusiveMin: true,
        unit: "annualised fraction",
        description: "Volatility used to price the calls.",
      },
      dividend_yield: { type: "number", default: 0, min: 0, max: 1, unit: "annual fraction", description: "Continuous dividend yield of the underlying." },
    },
  },
  {
    name: "target_weights",
    description:
      "Portfolio construction: hold the request's portfolio_construction.target_weights, rebalancing on calendar boundaries and/or drift, subject to its constraints. Takes no strategy.params.",
    params: {},
  },
];

/** The registered strategy called `name`, or `undefined`. */
export function strategyInfo(name: string): StrategyInfo | undefined {
  return STRATEGY_INFOS.find((s) => s.name === name);
}

/**
 * Applies defaults and validates `params` against strategy `name`. Throws
 * `EngineValidationError` listing every problem (loc `["strategy","name"]` or
 * `["strategy","params",<key>]`). Returns the effective params, keys in spec order.
 */
export function resolveStrategyParams(name: string, params: unknown): Record<string, unknown> {
  const info = strategyInfo(name);
  if (!info) {
    const known = STRATEGY_INFOS.map((s) => s.name).join(", ");
    throw new EngineValidationError([
      { loc: ["strategy", "name"], msg: `unknown strategy '${name}'; available: ${known}`, type: "unknown_strategy" },
    ]);
  }
  if (params !== undefined && params !== null && (typeof params !== "object" || Array.isArray(params))) {
    throw new EngineValidationError([
      { loc: ["strategy", "params"], msg: "params must be an object", type: "object_type" },
    ]);
  }
  const given = (params ?? {}) as Record<string, unknown>;
  const issues: EngineIssue[] = [];
  for (const key of Object.keys(given)) {
    if (!Object.hasOwn(info.params, key)) {
      const allowed = Object.keys(info.params);
      const hint = allowed.length ? `allowed: ${allowed.join(", ")}` : `${name} takes no params`;
      issues.push({ loc: ["strategy", "params", key], msg: `unknown parameter '${key}' (${hint})`, type: "extra_forbidden" });
    }
  }
  const out: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(info.params)) {
    const value = given[key] === undefined ? spec.default : given[key];
    const msg = checkParamValue(key, spec, value);
    if (msg) issues.push({ loc: ["strategy", "params", key], msg: msg.msg, type: msg.type });
    out[key] = value;
  }
  if (issues.length === 0) issues.push(...checkCrossFieldRules(name, out));
  if (issues.length > 0) throw new EngineValidationError(issues);
  return out;
}
