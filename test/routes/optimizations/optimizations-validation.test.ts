/**
 * Validation of `POST /v1/optimizations`: the engine's normaliser is the validator, so each rule
 * family is reported with its exact `loc` (under `body`) and `type`, every broken rule of a body
 * in one 422, then the host's data check on the base backtest.
 */
import { beforeEach, describe, expect, it } from "vitest";
import type { Harness } from "../../app/helpers.ts";
import type { FakeOptimizations } from "./fake-optimizations.ts";
import { BASE_BACKTEST, makeOptimizationApp, optimizationBody, postOptimization } from "./optimization-harness.ts";

interface Detail {
  loc: (string | number)[];
  msg: string;
  type: string;
}

let h: Harness;
let fake: FakeOptimizations;
beforeEach(() => {
  ({ h, fake } = makeOptimizationApp());
});

async function rejected(body: unknown, path = "/v1/optimizations"): Promise<Detail[]> {
  const { res, json } = await postOptimization(h, body, path);
  expect(res.status).toBe(422);
  expect(fake.entries.size).toBe(0);
  return path.startsWith("/v1/") ? (json as { error: { details: Detail[] } }).error.details : (json as { detail: Detail[] }).detail;
}

const locTypes = (details: Detail[]) => details.map((d) => [d.loc, d.type]);
const param = (p: Record<string, unknown>) => ({ search_space: { parameters: [p] } });

describe("one case per rule family", () => {
  it.each<[string, Record<string, unknown>, (string | number)[], string]>([
    ["name too long", { name: "x".repeat(257) }, ["body", "name"], "string_too_long"],
    ["name of the wrong type", { name: 7 }, ["body", "name"], "string_type"],
    ["description too long", { description: "d".repeat(4097) }, ["body", "description"], "string_too_long"],
    ["unknown top-level field", { trials: 3 }, ["body", "trials"], "extra_forbidden"],
    ["no searched parameter", { search_space: { parameters: [] } }, ["body", "search_space", "parameters"], "too_short"],
    ["more than 50 parameters", { search_space: { parameters: Array.from({ length: 51 }, () => ({ name: "short_period", kind: "int_range", low: 2, high: 9 })) } }, ["body", "search_space", "parameters"], "too_long"],
    ["parameter not of the strategy", param({ name: "nope", kind: "int_range", low: 1, high: 3 }), ["body", "search_space", "parameters", 0, "name"], "unknown_parameter"],
    ["unknown kind", param({ name: "short_period", kind: "normal" }), ["body", "search_space", "parameters", 0, "kind"], "enum"],
    ["bounds on a choice", param({ name: "short_period", kind: "choice", values: [3], low: 1 }), ["body", "search_space", "parameters", 0, "low"], "extra_forbidden"],
    ["choice without values", param({ name: "short_period", kind: "choice" }), ["body", "search_space", "parameters", 0, "values"], "missing"],
    ["unknown search strategy", { strategy: "annealing" }, ["body", "strategy"], "enum"],
    ["max_trials below 1", { max_trials: 0 }, ["body", "max_trials"], "greater_than_equal"],
    ["max_trials above 10000", { max_trials: 10_001 }, ["body", "max_trials"], "less_than_equal"],
    ["concurrency above 128", { concurrency: 129 }, ["body", "concurrency"], "less_than_equal"],
    ["concurrency not an integer", { concurrency: 1.5 }, ["body", "concurrency"], "int_type"],
    ["objective not a numeric metric", { objective_metric: "vibes" }, ["body", "objective_metric"], "unknown_metric"],
    ["unknown direction", { direction: "up" }, ["body", "direction"], "enum"],
    ["unknown validation mode", { validation_mode: "kfold" }, ["body", "validation_mode"], "enum"],
    ["validation_fraction below 0.05", { validation_fraction: 0.01 }, ["body", "validation_fraction"], "greater_than_equal"],
    ["validation_fraction above 0.9", { validation_fraction: 0.95 }, ["body", "validation_fraction"], "less_than_equal"],
    ["walk_forward_windows above 10", { walk_forward_windows: 11 }, ["body", "walk_forward_windows"], "less_than_equal"],
    ["negative random_seed", { random_seed: -1 }, ["body", "random_seed"], "greater_than_equal"],
    ["exploration_weight above 100", { exploration_weight: 101 }, ["body", "exploration_weight"], "less_than_equal"],
    ["grid_steps below 2", { grid_steps: 1 }, ["body", "grid_steps"], "greater_than_equal"],
    ["base backtest missing", { base_backtest: undefined }, ["body", "base_backtest"], "missing"],
    ["base backtest rule", { base_backtest: { ...BASE_BACKTEST, end_date: "2020-01-01" } }, ["body", "base_backtest", "end_date"], "value_error"],
    ["base backtest unknown strategy parameter", { base_backtest: { ...BASE_BACKTEST, strategy: { name: "ma_crossover", params: { speed: 1 } } } }, ["body", "base_backtest", "strategy", "params", "speed"], "extra_forbidden"],
  ])("%s", async (_name, extra, loc, type) => {
    const details = await rejected(optimizationBody(extra));
    expect(locTypes(details)).toEqual([[loc, type]]);
    expect(details[0].msg.length).toBeGreaterThan(0);
  });

  it("a range too short for its windows is reported at validation_fraction", async () => {
    const details = await rejected(optimizationBody({ base_backtest: { ...BASE_BACKTEST, start_date: "2022-12-30" } }));
    expect(locTypes(details)).toEqual([[["body", "validation_fraction"], "value_error"]]);
    expect(details[0].msg).toContain("too short");
  });

  it("a body that is not an object is one issue at the body root", async () => {
    expect(await rejected([1])).toEqual([{ loc: ["body"], msg: "Request body should be a JSON object", type: "object_type" }]);
  });
});

describe("several broken rules at once", () => {
  it("a body breaking rules of many fields (of mixed types) gets every issue in one 422", async () => {
    const details = await rejected({
      name: 5,
      search_space: { parameters: [{ name: "short_period", kind: "int_range", low: "a", high: 10 }] },
      strategy: "annealing",
      max_trials: "ten",
      concurrency: 0,
      direction: "sideways",
      base_backtest: { ...BASE_BACKTEST, symbols: [], start_date: "2023-01-01", end_date: "2022-01-01" },
      grid_steps: 101,
      colour: "blue",
    });
    expect(locTypes(details)).toEqual([
      [["body", "colour"], "extra_forbidden"],
      [["body", "name"], "string_type"],
      [["body", "base_backtest", "symbols"], "too_short"],
      [["body", "base_backtest", "end_date"], "value_error"],
      [["body", "search_space", "parameters", 0, "low"], "float_type"],
      [["body", "strategy"], "enum"],
      [["body", "max_trials"], "int_type"],
      [["body", "concurrency"], "greater_than_equal"],
      [["body", "direction"], "enum"],
      [["body", "grid_steps"], "less_than_equal"],
    ]);
  });

  it("the v1 envelope carries them as details; the legacy alias as `detail`", async () => {
    const body = optimizationBody({ max_trials: 0, direction: "up" });
    const { json } = await postOptimization(h, body, "/v1/optimizations");
    expect((json as { error: { code: string; message: string } }).error).toMatchObject({ code: "validation_error", message: "Request validation failed" });
    const legacy = await rejected(body, "/optimizations");
    expect(locTypes(legacy)).toEqual([[["body", "max_trials"], "greater_than_equal"], [["body", "direction"], "enum"]]);
    expect(legacy[0].msg).toBe("Input should be greater than or equal to 1");
  });

  it("malformed JSON is a 422 json_invalid", async () => {
    const res = await h.request("/v1/optimizations", { method: "POST", headers: { "X-API-Key": "gb-test-key-0123456789abcdef", "Content-Type": "application/json" }, body: "{" });
    expect(res.status).toBe(422);
    const json = (await res.json()) as { error: { details: Detail[] } };
    expect(json.error.details.map((d) => [d.loc, d.type])).toEqual([[["body"], "json_invalid"]]);
  });
});

describe("the base backtest's data check", () => {
  it("an unknown symbol for its source is a 422 at body.base_backtest, not a failed optimization", async () => {
    const details = await rejected(optimizationBody({ base_backtest: { ...BASE_BACKTEST, data_source: "dataset", symbols: ["ZZZ"] } }));
    expect(locTypes(details)).toEqual([[["body", "base_backtest", "symbols", 0], "value_error"]]);
    expect(details[0].msg).toContain("Unknown symbol ZZZ");
  });

  it("csv on a host without CSV files is refused by the normaliser at body.base_backtest.data_source", async () => {
    const details = await rejected(optimizationBody({ base_backtest: { ...BASE_BACKTEST, data_source: "csv", csv_data_path: "bars" } }));
    expect(details.map((d) => d.loc)).toContainEqual(["body", "base_backtest", "data_source"]);
  });
});
