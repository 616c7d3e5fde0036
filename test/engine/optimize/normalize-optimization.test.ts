import { describe, expect, it } from "vitest";
import { normalizeOptimizationRequest } from "../../../src/engine/index.ts";
import { BASE_BACKTEST, BODY, NODE, issuesOf, request } from "./fixtures.ts";

/** The single issue of `BODY` with `patch` applied. */
function onlyIssue(patch: Record<string, unknown>) {
  const issues = issuesOf({ ...BODY, ...patch });
  expect(issues).toHaveLength(1);
  return issues[0]!;
}

const param = (p: Record<string, unknown>) => ({ search_space: { parameters: [p] } });

describe("normalizeOptimizationRequest", () => {
  it("applies every default", () => {
    const r = request();
    expect({ ...r, base_backtest: undefined }).toEqual({
      name: "tune", description: null,
      search_space: { parameters: [{ name: "short_period", kind: "int_range", low: 2, high: 10, integer: true }] },
      strategy: "random", max_trials: 50, concurrency: 1, objective_metric: "sharpe_ratio", direction: "maximize",
      base_backtest: undefined, validation_mode: "holdout", validation_fraction: 0.3, walk_forward_windows: 3,
      random_seed: 0, exploration_weight: 1, grid_steps: 5,
    });
    expect(r.base_backtest.strategy).toEqual({ name: "ma_crossover", params: { short_period: 5, long_period: 30, position_size: 0.95, allow_short: false } });
  });

  it("rejects a non-object body", () => {
    expect(issuesOf([])).toEqual([{ loc: [], msg: "Request body should be a JSON object", type: "object_type" }]);
  });

  it("rejects unknown fields", () => {
    expect(onlyIssue({ colour: 1 })).toMatchObject({ loc: ["colour"], type: "extra_forbidden" });
  });

  it.each([
    [{ name: undefined }, ["name"], "missing"],
    [{ name: "" }, ["name"], "string_too_short"],
    [{ name: "x".repeat(257) }, ["name"], "string_too_long"],
    [{ name: 5 }, ["name"], "string_type"],
    [{ description: 5 }, ["description"], "string_type"],
    [{ strategy: "annealing" }, ["strategy"], "enum"],
    [{ max_trials: 0 }, ["max_trials"], "greater_than_equal"],
    [{ max_trials: 10_001 }, ["max_trials"], "less_than_equal"],
    [{ max_trials: 1.5 }, ["max_trials"], "int_type"],
    [{ concurrency: 0 }, ["concurrency"], "greater_than_equal"],
    [{ concurrency: 129 }, ["concurrency"], "less_than_equal"],
    [{ objective_metric: "happiness" }, ["objective_metric"], "unknown_metric"],
    [{ objective_metric: "sample_data" }, ["objective_metric"], "unknown_metric"],
    [{ direction: "up" }, ["direction"], "enum"],
    [{ validation_mode: "kfold" }, ["validation_mode"], "enum"],
    [{ validation_fraction: 0.04 }, ["validation_fraction"], "greater_than_equal"],
    [{ validation_fraction: 0.91 }, ["validation_fraction"], "less_than_equal"],
    [{ walk_forward_windows: 0 }, ["walk_forward_windows"], "greater_than_equal"],
    [{ walk_forward_windows: 11 }, ["walk_forward_windows"], "less_than_equal"],
    [{ random_seed: -1 }, ["random_seed"], "greater_than_equal"],
    [{ random_seed: 2 ** 31 }, ["random_seed"], "less_than_equal"],
    [{ exploration_weight: -0.1 }, ["exploration_weight"], "greater_than_equal"],
    [{ exploration_weight: 101 }, ["exploration_weight"], "less_than_equal"],
    [{ grid_steps: 1 }, ["grid_steps"], "greater_than_equal"],
    [{ grid_steps: 101 }, ["grid_steps"], "less_than_equal"],
    [{ base_backtest: undefined }, ["base_backtest"], "missing"],
    [{ base_backtest: { ...BASE_BACKTEST, end_date: "2019-01-01" } }, ["base_backtest", "end_date"], "value_error"],
    [{ base_backtest: { ...BASE_BACKTEST, symbols: [] } }, ["base_backtest", "symbols"], "too_short"],
    [{ search_space: undefined }, ["search_space"], "missing"],
    [{ search_space: { parameters: [] } }, ["search_space", "parameters"], "too_short"],
    [{ search_space: { parameters: Array.from({ length: 51 }, () => ({ name: "short_period", kind: "int_range", low: 1, high: 2 })) } }, ["search_space", "parameters"], "too_long"],
    [param({ name: "speed", kind: "int_range", low: 1, high: 2 }), ["search_space", "parameters", 0, "name"], "unknown_parameter"],
    [param({ name: "short_period", kind: "cubic", low: 1, high: 2 }), ["search_space", "parameters", 0, "kind"], "enum"],
    [param({ name: "short_period", kind: "int_range", low: 5, high: 5 }), ["search_space", "parameters", 0, "high"], "value_error"],
    [param({ name: "short_period", kind: "int_range", low: 1.5, high: 5 }), ["search_space", "parameters", 0, "low"], "int_type"],
    [param({ name: "short_period", kind: "int_range", low: 2 }), ["search_space", "parameters", 0, "high"], "missing"],
    [param({ name: "short_period", kind: "int_range", low: 0, high: 5 }), ["search_space", "parameters", 0, "low"], "out_of_parameter_range"],
    [param({ name: "short_period", kind: "int_range", low: 2, high: 10_001 }), ["search_space", "parameters", 0, "high"], "out_of_parameter_range"],
    [param({ name: "position_size", kind: "float_range", low: 0, high: 0.5 }), ["search_space", "parameters", 0, "low"], "out_of_parameter_range"],
    [param({ name: "short_period", kind: "float_range", low: 2, high: 5 }), ["search_space", "parameters", 0, "kind"], "value_error"],
    [param({ name: "allow_short", kind: "float_range", low: 0, high: 1 }), ["search_space", "parameters", 0, "kind"], "value_error"],
    [param({ name: "short_period", kind: "int_range", low: 2, high: 5, values: [2] }), ["search_space", "parameters", 0, "values"], "extra_forbidden"],
    [param({ name: "position_size", kind: "choice", values: [] }), ["search_space", "parameters", 0, "values"], "too_short"],
    [param({ name: "position_size", kind: "choice", values: [0.5, 0.5] }), ["search_space", "parameters", 0, "values", 1], "value_error"],
    [param({ name: "position_size", kind: "choice", values: [0.5, 2] }), ["search_space", "parameters", 0, "values", 1], "less_than_equal"],
    [param({ name: "position_size", kind: "choice", values: [0.5], low: 0.1 }), ["search_space", "parameters", 0, "low"], "extra_forbidden"],
    [param({ name: "position_size", kind: "log_uniform", low: 0.1, high: 1, step: 1 }), ["search_space", "parameters", 0, "step"], "extra_forbidden"],
  ])("rejects %j", (patch, loc, type) => {
    const issue = onlyIssue(patch as Record<string, unknown>);
    expect(issue.loc).toEqual(loc);
    expect(issue.type).toBe(type);
  });

  it("rejects a parameter searched twice", () => {
    const p = { name: "short_period", kind: "int_range", low: 2, high: 5 };
    expect(onlyIssue({ search_space: { parameters: [p, p] } })).toMatchObject({ loc: ["search_space", "parameters", 1, "name"], type: "value_error" });
  });

  it("rejects log_uniform with low <= 0 (on a parameter whose own minimum allows 0)", () => {
    const body = {
      ...BODY, base_backtest: { ...BASE_BACKTEST, strategy: { name: "momentum" } },
      search_space: { parameters: [{ name: "momentum_threshold", kind: "log_uniform", low: 0, high: 10 }] },
    };
    expect(issuesOf(body)).toEqual([{ loc: ["search_space", "parameters", 0, "low"], msg: "log_uniform needs low > 0", type: "greater_than" }]);
  });

  it("checks names against the default strategy when base_backtest has none", () => {
    const body = { ...BODY, base_backtest: { ...BASE_BACKTEST, strategy: undefined } };
    expect(issuesOf(body)[0]).toMatchObject({ loc: ["search_space", "parameters", 0, "name"], type: "unknown_parameter" });
  });

  it("rejects windows shorter than two bars", () => {
    const base = { ...BASE_BACKTEST, start_date: "2020-01-01", end_date: "2020-01-11" };
    expect(issuesOf({ ...BODY, base_backtest: base, validation_mode: "walk_forward", walk_forward_windows: 10, validation_fraction: 0.5 }))
      .toEqual([{ loc: ["walk_forward_windows"], msg: "the base backtest's range is too short: every training and validation window needs at least 2 day bars", type: "value_error" }]);
  });

  it("accepts choice values of every type the parameter takes", () => {
    const r = normalizeOptimizationRequest({
      ...BODY, strategy: "grid", search_space: { parameters: [
        { name: "allow_short", kind: "choice", values: [true, false] },
        { name: "position_size", kind: "log_uniform", low: 0.1, high: 1 },
      ] },
    }, NODE);
    expect(r.search_space.parameters).toEqual([
      { name: "allow_short", kind: "choice", values: [true, false], integer: false },
      { name: "position_size", kind: "log_uniform", low: 0.1, high: 1, integer: false },
    ]);
  });
});
