/** `portfolio_construction` rules (engine spec §3.7). */
import type { PortfolioConstructionSpec } from "../types.ts";
import { isJsonObject, readObject, rejectUnknownKeys } from "./issues.ts";
import type { IssueSink, JsonObject } from "./issues.ts";
import { readEnum, readNumber } from "./readers.ts";

const LOC = "portfolio_construction";
const FREQUENCIES = ["daily", "weekly", "monthly"] as const;
const PERCENT_KEYS = ["drift_threshold_pct", "max_weight_pct", "max_turnover_pct", "cash_floor_pct", "max_drawdown_pct"] as const;
const KEYS = ["method", "target_weights", "rebalance_frequency", ...PERCENT_KEYS];

/**
 * Validates `portfolio_construction` against the strategy and symbols. It is required by, and
 * only allowed with, strategy `target_weights`. Returns the effective spec (weight keys
 * upper-cased in `symbols` order; `rebalance_frequency` "weekly" and `cash_floor_pct` 0 filled
 * in; other constraints stay absent, meaning "no constraint"), or `null`.
 */
export function normalizePortfolio(sink: IssueSink, value: unknown, strategy: string | undefined, symbols: string[]): PortfolioConstructionSpec | null {
  const obj = readObject(sink, value, [LOC], true);
  if (obj === undefined) {
    if (value == null && strategy === "target_weights") {
      sink.add([LOC], "Field required: strategy 'target_weights' needs portfolio_construction", "missing");
    }
    return null;
  }
  if (strategy !== undefined && strategy !== "target_weights") {
    sink.add([LOC], `portfolio_construction is only allowed with strategy 'target_weights', not '${strategy}'`, "value_error");
    return null;
  }
  rejectUnknownKeys(sink, obj, KEYS, [LOC]);
  if (obj.method === undefined) sink.add([LOC, "method"], "Field required", "missing");
  readEnum(sink, obj.method, [LOC, "method"], ["target_weights"]);
  const spec: PortfolioConstructionSpec = {
    method: "target_weights",
    target_weights: readWeights(sink, obj.target_weights, symbols),
    rebalance_frequency: readEnum(sink, obj.rebalance_frequency, [LOC, "rebalance_frequency"], FREQUENCIES, "weekly"),
  };
  for (const key of PERCENT_KEYS) {
    const pct = readNumber(sink, obj[key], [LOC, key], { min: 0, max: 100 }, key === "cash_floor_pct" ? 0 : undefined);
    if (pct !== undefined) spec[key] = pct;
  }
  return spec;
}

function readWeights(sink: IssueSink, value: unknown, symbols: string[]): Record<string, number> {
  const loc = [LOC, "target_weights"];
  if (value === undefined) sink.add(loc, "Field required", "missing");
  else if (!isJsonObject(value)) sink.add(loc, "Input should be an object of {symbol: weight}", "object_type");
  else if (Object.keys(value).length === 0) sink.add(loc, "target_weights should name at least one symbol", "too_short");
  if (!isJsonObject(value)) return {};
  const byUpper = collectWeights(sink, value, symbols);
  const out: Record<string, number> = {};
  for (const symbol of symbols) if (byUpper.has(symbol)) out[symbol] = byUpper.get(symbol)!;
  return out;
}

function collectWeights(sink: IssueSink, value: JsonObject, symbols: string[]): Map<string, number> {
  const byUpper = new Map<string, number>();
  for (const [key, raw] of Object.entries(value)) {
    const loc = [LOC, "target_weights", key];
    const upper = key.toUpperCase();
    if (!symbols.includes(upper)) {
      sink.add(loc, `Weight key '${key}' is not one of the request's symbols (${symbols.join(", ")})`, "value_error");
      continue;
    }
    if (byUpper.has(upper)) {
      sink.add(loc, `Symbol '${upper}' has more than one weight`, "value_error");
      continue;
    }
    const weight = readNumber(sink, raw, loc, { above: 0 });
    if (weight !== undefined) byUpper.set(upper, weight);
  }
  return byUpper;
}
