import { describe, expect, it } from "vitest";
import { resolveStrategyParams, STRATEGY_INFOS, strategyInfo } from "../../../src/engine/strategies/param-specs.ts";
import { EngineValidationError } from "../../../src/engine/types.ts";

function issuesOf(fn: () => unknown) {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(EngineValidationError);
    return (e as EngineValidationError).issues;
  }
  throw new Error("expected a validation error");
}

describe("param specs", () => {
  it("lists the seven built-ins", () => {
    expect(STRATEGY_INFOS.map((s) => s.name)).toEqual([
      "buy_and_hold", "ma_crossover", "momentum", "mean_reversion", "rsi", "covered_call", "target_weights",
    ]);
    expect(strategyInfo("rsi")?.params.smoothing).toMatchObject({ type: "enum", default: "wilder" });
    expect(strategyInfo("nope")).toBeUndefined();
  });

  it("fills defaults in spec order", () => {
    const p = resolveStrategyParams("ma_crossover", { allow_short: true, short_period: 5 });
    expect(Object.keys(p)).toEqual(["short_period", "long_period", "position_size", "allow_short"]);
    expect(p).toEqual({ short_period: 5, long_period: 20, position_size: 0.95, allow_short: true });
    expect(resolveStrategyParams("covered_call", undefined)).toEqual({
      contracts: 1, call_otm_pct: 5, days_to_expiry: 30, implied_volatility: 0.25, dividend_yield: 0,
    });
    expect(resolveStrategyParams("target_weights", {})).toEqual({});
  });

  it("rejects unknown names and keys", () => {
    expect(issuesOf(() => resolveStrategyParams("magic", {}))[0].loc).toEqual(["strategy", "name"]);
    const issues = issuesOf(() => resolveStrategyParams("rsi", { period: 3 }));
    expect(issues).toEqual([
      expect.objectContaining({ loc: ["strategy", "params", "period"], type: "extra_forbidden" }),
    ]);
    expect(issuesOf(() => resolveStrategyParams("target_weights", { a: 1 }))[0].msg).toContain("takes no params");
    expect(issuesOf(() => resolveStrategyParams("rsi", [1]))[0].loc).toEqual(["strategy", "params"]);
  });

  it("checks types and ranges", () => {
    const issues = issuesOf(() =>
      resolveStrategyParams("ma_crossover", { short_period: 2.5, position_size: 0, allow_short: "yes" }),
    );
    expect(issues.map((i) => [i.loc[2], i.type])).toEqual([
      ["short_period", "int_type"],
      ["position_size", "greater_than"],
      ["allow_short", "bool_type"],
    ]);
    expect(issuesOf(() => resolveStrategyParams("buy_and_hold", { position_size: 1.01 }))[0].msg).toBe(
      "position_size (1.01) must be at most 1",
    );
    expect(issuesOf(() => resolveStrategyParams("rsi", { smoothing: "ema" }))[0].msg).toBe(
      "smoothing must be one of: wilder, simple",
    );
    expect(issuesOf(() => resolveStrategyParams("covered_call", { days_to_expiry: 731 }))[0].type).toBe("less_than_equal");
    expect(issuesOf(() => resolveStrategyParams("covered_call", { implied_volatility: 0 }))[0].type).toBe("greater_than");
    expect(issuesOf(() => resolveStrategyParams("momentum", { momentum_threshold: Number.NaN }))[0].type).toBe("float_type");
    expect(issuesOf(() => resolveStrategyParams("ma_crossover", { long_period: 1 }))[0].msg).toBe("long_period (1) must be at least 2");
  });

  it("enforces cross-field rules", () => {
    expect(issuesOf(() => resolveStrategyParams("ma_crossover", { short_period: 30, long_period: 20 }))[0]).toEqual({
      loc: ["strategy", "params", "short_period"],
      msg: "short_period (30) must be less than long_period (20)",
      type: "value_error",
    });
    expect(issuesOf(() => resolveStrategyParams("rsi", { oversold_threshold: 70 }))[0].msg).toBe(
      "oversold_threshold (70) must be less than overbought_threshold (70)",
    );
    const mr = issuesOf(() =>
      resolveStrategyParams("mean_reversion", { exit_threshold: 3, position_size: 0.5, max_position_size: 0.4 }),
    );
    expect(mr.map((i) => i.msg)).toEqual([
      "exit_threshold (3) must be less than entry_threshold (2)",
      "position_size (0.5) must be at most max_position_size (0.4)",
    ]);
    expect(resolveStrategyParams("mean_reversion", { position_size: 0.95 }).max_position_size).toBe(0.95);
  });
});
