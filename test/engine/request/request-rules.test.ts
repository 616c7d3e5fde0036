import { describe, expect, it } from "vitest";
import { normalizeBacktestRequest } from "../../../src/engine/request/normalize-request.ts";
import { EngineValidationError } from "../../../src/engine/types.ts";
import type { EngineIssue } from "../../../src/engine/types.ts";

type Ctx = { runtime: "node" | "deno" | "workerd"; csvAllowed: boolean };
const NODE: Ctx = { runtime: "node", csvAllowed: true };
const BASE = { symbols: ["SPY"], start_date: "2024-01-01", end_date: "2024-03-01" };

function issuesOf(body: unknown, ctx: Ctx = NODE): EngineIssue[] {
  try {
    normalizeBacktestRequest(body, ctx);
  } catch (error) {
    expect(error).toBeInstanceOf(EngineValidationError);
    return (error as EngineValidationError).issues;
  }
  throw new Error("expected the request to be rejected");
}

const TW = { symbols: ["SPY", "TLT"], strategy: { name: "target_weights" } };
const PC = (extra: Record<string, unknown>) => ({ ...TW, portfolio_construction: { method: "target_weights", target_weights: { SPY: 1 }, ...extra } });

// [name, patch applied to BASE, loc, type, a fragment of msg]
const CASES: [string, Record<string, unknown>, (string | number)[], string, string][] = [
  ["unknown top-level field", { colour: "red" }, ["colour"], "extra_forbidden", "Unknown field 'colour'"],
  ["symbols missing", { symbols: undefined }, ["symbols"], "missing", "Field required"],
  ["symbols not a list", { symbols: "SPY" }, ["symbols"], "list_type", "list"],
  ["symbols empty", { symbols: [] }, ["symbols"], "too_short", "at least 1"],
  ["too many symbols", { symbols: Array.from({ length: 101 }, (_, i) => `S${i}`) }, ["symbols"], "too_long", "at most 100"],
  ["symbol not a string", { symbols: ["SPY", 5] }, ["symbols", 1], "string_type", "string"],
  ["symbol empty", { symbols: [""] }, ["symbols", 0], "too_short", "at least 1"],
  ["symbol too long", { symbols: ["A".repeat(33)] }, ["symbols", 0], "too_long", "at most 32"],
  ["symbol bad characters", { symbols: ["SPY", "AA PL"] }, ["symbols", 1], "string_pattern_mismatch", "[A-Za-z0-9._/-]"],
  ["start_date missing", { start_date: undefined }, ["start_date"], "missing", "Field required"],
  ["start_date not a string", { start_date: 20240101 }, ["start_date"], "string_type", "ISO-8601"],
  ["start_date malformed", { start_date: "01/02/2024" }, ["start_date"], "datetime_parsing", "ISO-8601"],
  ["start_date impossible day", { start_date: "2023-02-29" }, ["start_date"], "datetime_parsing", "ISO-8601"],
  ["start_date bad offset", { start_date: "2024-01-01T00:00:00+25:00" }, ["start_date"], "datetime_parsing", "ISO-8601"],
  ["end_date before start", { end_date: "2023-12-31" }, ["end_date"], "value_error", "end_date must be after start_date"],
  ["end_date equal to start", { end_date: "2024-01-01T00:00:00Z" }, ["end_date"], "value_error", "after start_date"],
  ["resolution tick", { resolution: "tick" }, ["resolution"], "enum", "supported resolutions: minute, hour, day"],
  ["resolution second", { resolution: "second" }, ["resolution"], "enum", "'second' is not supported"],
  ["strategy not an object", { strategy: "rsi" }, ["strategy"], "object_type", "object"],
  ["strategy name missing", { strategy: { params: {} } }, ["strategy", "name"], "missing", "Field required"],
  ["strategy name pattern", { strategy: { name: "Buy-Hold" } }, ["strategy", "name"], "string_pattern_mismatch", "^[a-z0-9_]{1,128}$"],
  ["strategy unknown", { strategy: { name: "alpha_magic" } }, ["strategy", "name"], "unknown_strategy", "unknown strategy 'alpha_magic'"],
  ["strategy extra key", { strategy: { name: "rsi", weights: 1 } }, ["strategy", "weights"], "extra_forbidden", "Unknown field"],
  ["strategy param unknown", { strategy: { name: "rsi", params: { speed: 1 } } }, ["strategy", "params", "speed"], "extra_forbidden", "unknown parameter 'speed'"],
  ["strategy param cross rule", { strategy: { name: "ma_crossover", params: { short_period: 30, long_period: 20 } } }, ["strategy", "params", "short_period"], "value_error", "long_period"],
  ["execution unknown key", { execution: { fee: 1 } }, ["execution", "fee"], "extra_forbidden", "Unknown field 'fee'"],
  ["execution negative", { execution: { slippage_bps: -1 } }, ["execution", "slippage_bps"], "greater_than_equal", "greater than or equal to 0"],
  ["slippage of 100 % (sells at 0)", { execution: { slippage_bps: 10_000 } }, ["execution", "slippage_bps"], "less_than", "Input should be less than 10000"],
  ["slippage above 100 % (negative sell price)", { execution: { slippage_bps: 25_000 } }, ["execution", "slippage_bps"], "less_than", "less than 10000"],
  ["participation zero", { execution: { max_volume_participation: 0 } }, ["execution", "max_volume_participation"], "greater_than", "greater than 0"],
  ["participation above one", { execution: { max_volume_participation: 1.5 } }, ["execution", "max_volume_participation"], "less_than_equal", "less than or equal to 1"],
  ["execution not a number", { execution: { latency_ms: "5" } }, ["execution", "latency_ms"], "float_type", "number"],
  ["initial_capital zero", { initial_capital: 0 }, ["initial_capital"], "greater_than", "greater than 0"],
  ["initial_capital too large", { initial_capital: 1e12 + 1 }, ["initial_capital"], "less_than_equal", "less than or equal to 1000000000000"],
  ["initial_capital infinite", { initial_capital: Infinity }, ["initial_capital"], "finite_number", "finite"],
  ["initial_capital NaN", { initial_capital: Number.NaN }, ["initial_capital"], "finite_number", "finite"],
  ["currency lower case", { currency: "usd" }, ["currency"], "string_pattern_mismatch", "^[A-Z]{3,5}$"],
  ["currency too long", { currency: "DOLLAR" }, ["currency"], "string_pattern_mismatch", "^[A-Z]{3,5}$"],
  ["timezone unknown", { timezone: "Mars/Olympus" }, ["timezone"], "value_error", "IANA"],
  ["benchmark bad", { benchmark_symbol: "S P Y" }, ["benchmark_symbol"], "string_pattern_mismatch", "[A-Za-z0-9._/-]"],
  ["risk_free_rate too high", { risk_free_rate: 1.5 }, ["risk_free_rate"], "less_than_equal", "less than or equal to 1"],
  ["risk_free_rate too low", { risk_free_rate: -2 }, ["risk_free_rate"], "greater_than_equal", "greater than or equal to -1"],
  ["data_source unknown", { data_source: "yahoo" }, ["data_source"], "enum", "'sample', 'csv', 'dataset', 'default'"],
  ["csv without path", { data_source: "csv" }, ["csv_data_path"], "missing", "required when data_source is 'csv'"],
  ["path without csv", { data_source: "sample", csv_data_path: "x" }, ["csv_data_path"], "value_error", "only allowed with data_source 'csv'"],
  ["csv path escapes", { data_source: "csv", csv_data_path: "../etc" }, ["csv_data_path"], "value_error", "inside the data directory"],
  ["csv path absolute", { data_source: "csv", csv_data_path: "/etc" }, ["csv_data_path"], "value_error", "inside the data directory"],
  ["data_quality_mode unknown", { data_quality_mode: "strict" }, ["data_quality_mode"], "enum", "'warn', 'fail'"],
  ["seed negative", { seed: -1 }, ["seed"], "greater_than_equal", "greater than or equal to 0"],
  ["seed too large", { seed: 2 ** 31 }, ["seed"], "less_than_equal", "2147483647"],
  ["seed fractional", { seed: 1.5 }, ["seed"], "int_type", "integer"],
  ["range too large", { resolution: "minute", start_date: "2000-01-01", end_date: "2024-01-01", symbols: ["BTC-USD"] }, ["resolution"], "value_error", "coarser resolution"],
  ["portfolio without target_weights strategy", { portfolio_construction: { method: "target_weights", target_weights: { SPY: 1 } } }, ["portfolio_construction"], "value_error", "only allowed with strategy 'target_weights'"],
  ["target_weights strategy without portfolio", { strategy: { name: "target_weights" } }, ["portfolio_construction"], "missing", "needs portfolio_construction"],
  ["portfolio method missing", { ...TW, portfolio_construction: { target_weights: { SPY: 1 } } }, ["portfolio_construction", "method"], "missing", "Field required"],
  ["portfolio method wrong", PC({ method: "risk_parity" }), ["portfolio_construction", "method"], "enum", "'target_weights'"],
  ["portfolio weights missing", { ...TW, portfolio_construction: { method: "target_weights" } }, ["portfolio_construction", "target_weights"], "missing", "Field required"],
  ["portfolio weights empty", PC({ target_weights: {} }), ["portfolio_construction", "target_weights"], "too_short", "at least one"],
  ["portfolio weight key not a symbol", PC({ target_weights: { SPY: 1, QQQ: 1 } }), ["portfolio_construction", "target_weights", "QQQ"], "value_error", "not one of the request's symbols"],
  ["portfolio weight not positive", PC({ target_weights: { SPY: 0 } }), ["portfolio_construction", "target_weights", "SPY"], "greater_than", "greater than 0"],
  ["portfolio weight duplicate by case", PC({ target_weights: { SPY: 1, spy: 2 } }), ["portfolio_construction", "target_weights", "spy"], "value_error", "more than one weight"],
  ["portfolio percent above 100", PC({ max_weight_pct: 120 }), ["portfolio_construction", "max_weight_pct"], "less_than_equal", "less than or equal to 100"],
  ["portfolio percent negative", PC({ cash_floor_pct: -1 }), ["portfolio_construction", "cash_floor_pct"], "greater_than_equal", "greater than or equal to 0"],
  ["portfolio frequency", PC({ rebalance_frequency: "hourly" }), ["portfolio_construction", "rebalance_frequency"], "enum", "'daily', 'weekly', 'monthly'"],
  ["portfolio unknown key", PC({ leverage: 2 }), ["portfolio_construction", "leverage"], "extra_forbidden", "Unknown field"],
];

describe("normalizeBacktestRequest rules", () => {
  it.each(CASES)("%s", (_name, patch, loc, type, fragment) => {
    const issues = issuesOf({ ...BASE, ...patch });
    expect(issues).toHaveLength(1);
    expect(issues[0].loc).toEqual(loc);
    expect(issues[0].type).toBe(type);
    expect(issues[0].msg).toContain(fragment);
  });

  it("accepts slippage just below 10000 bps (a sell price still above 0)", () => {
    expect(normalizeBacktestRequest({ ...BASE, execution: { slippage_bps: 9_999.5 } }, NODE).execution.slippage_bps).toBe(9_999.5);
  });

  it("rejects a body that is not an object", () => {
    expect(issuesOf([1, 2])).toEqual([{ loc: [], msg: "Request body should be a JSON object", type: "object_type" }]);
  });

  it("rejects csv on hosts without local files, pointing to datasets", () => {
    const issues = issuesOf({ ...BASE, data_source: "csv", csv_data_path: "x" }, { runtime: "workerd", csvAllowed: false });
    expect(issues).toHaveLength(1);
    expect(issues[0].loc).toEqual(["data_source"]);
    expect(issues[0].msg).toContain("dataset");
    expect(issues[0].msg).toContain("workerd");
  });

  it("reports every issue at once, in field order", () => {
    const issues = issuesOf({
      symbols: ["ok", "b a d"], start_date: "2024-02-01", end_date: "2024-01-01", resolution: "tick",
      initial_capital: -5, currency: "usd", seed: 1.5, extra: true,
    });
    expect(issues.map((i) => [i.loc.join("."), i.type])).toEqual([
      ["extra", "extra_forbidden"],
      ["symbols.1", "string_pattern_mismatch"],
      ["end_date", "value_error"],
      ["resolution", "enum"],
      ["initial_capital", "greater_than"],
      ["currency", "string_pattern_mismatch"],
      ["seed", "int_type"],
    ]);
  });
});
