/**
 * `normalizeOptimizationRequest`: validates a `POST /v1/optimizations` body (issue 6 "Request")
 * and returns the effective request, every default applied. Issues use the same loc/msg/type shape
 * as `normalizeBacktestRequest`; the base backtest's issues are nested under `["base_backtest", …]`.
 */
import { MAX_SEED, normalizeBacktestRequest } from "../request/normalize-request.ts";
import { IssueSink, isJsonObject, rejectUnknownKeys } from "../request/issues.ts";
import { readEnum, readNumber, readString } from "../request/readers.ts";
import type { RequestContext } from "../request/request-context.ts";
import { DEFAULT_STRATEGY } from "../request/strategy-rules.ts";
import { strategyInfo } from "../strategies/param-specs.ts";
import { EngineValidationError, RESOLUTION_MS } from "../types.ts";
import type { BacktestRequest } from "../types.ts";
import { isNumericMetricKey } from "./metric-keys.ts";
import { normalizeSearchSpace } from "./search-space-rules.ts";
import type { OptimizationRequest, SearchMethodName } from "./types.ts";
import { MIN_WINDOW_BARS, splitWindows } from "./windows.ts";

/** Top-level fields of an optimisation request. */
export const OPTIMIZATION_FIELDS = [
  "name", "description", "search_space", "strategy", "max_trials", "concurrency", "objective_metric", "direction",
  "base_backtest", "validation_mode", "validation_fraction", "walk_forward_windows", "random_seed",
  "exploration_weight", "grid_steps",
] as const;

/** Most trials one optimisation may run. */
export const MAX_TRIALS = 10_000;
/** Most trials run at once. */
export const MAX_CONCURRENCY = 128;
/** Largest `exploration_weight`. */
export const MAX_EXPLORATION_WEIGHT = 100;

const METHODS: readonly SearchMethodName[] = ["grid", "random", "bayesian"];

/**
 * Validates `body`. Throws `EngineValidationError` listing every issue. Defaults: `strategy`
 * `random`, `max_trials` 50, `concurrency` 1, `objective_metric` `sharpe_ratio`, `direction`
 * `maximize`, `validation_mode` `holdout`, `validation_fraction` 0.3, `walk_forward_windows` 3,
 * `random_seed` 0, `exploration_weight` 1, `grid_steps` 5.
 */
export function normalizeOptimizationRequest(body: unknown, ctx: RequestContext): OptimizationRequest {
  if (!isJsonObject(body)) {
    throw new EngineValidationError([{ loc: [], msg: "Request body should be a JSON object", type: "object_type" }]);
  }
  const sink = new IssueSink();
  rejectUnknownKeys(sink, body, OPTIMIZATION_FIELDS, []);
  const name = readString(sink, body.name, ["name"]);
  if (body.name === undefined) sink.add(["name"], "Field required", "missing");
  else if (name !== undefined && (name.length < 1 || name.length > 256)) sink.add(["name"], "String should have 1 to 256 characters", name.length < 1 ? "string_too_short" : "string_too_long");
  const description = body.description === null ? null : readString(sink, body.description, ["description"], undefined) ?? null;
  if (typeof body.description === "string" && body.description.length > 4096) sink.add(["description"], "String should have at most 4096 characters", "string_too_long");
  const base = readBase(sink, body.base_backtest, ctx);
  const info = strategyInfo(base?.strategy.name ?? rawStrategyName(body.base_backtest) ?? "");
  const parameters = normalizeSearchSpace(sink, body.search_space, info);
  const strategy = readEnum(sink, body.strategy, ["strategy"], METHODS, "random");
  const maxTrials = readNumber(sink, body.max_trials, ["max_trials"], { min: 1, max: MAX_TRIALS, integer: true }, 50);
  const concurrency = readNumber(sink, body.concurrency, ["concurrency"], { min: 1, max: MAX_CONCURRENCY, integer: true }, 1);
  const metric = readString(sink, body.objective_metric, ["objective_metric"], "sharpe_ratio");
  if (metric !== undefined && !isNumericMetricKey(metric)) {
    sink.add(["objective_metric"], `'${metric}' is not a numeric metrics_summary key (e.g. sharpe_ratio, total_return, max_drawdown)`, "unknown_metric");
  }
  const direction = readEnum(sink, body.direction, ["direction"], ["maximize", "minimize"] as const, "maximize");
  const mode = readEnum(sink, body.validation_mode, ["validation_mode"], ["holdout", "walk_forward"] as const, "holdout");
  const fraction = readNumber(sink, body.validation_fraction, ["validation_fraction"], { min: 0.05, max: 0.9 }, 0.3);
  const windows = readNumber(sink, body.walk_forward_windows, ["walk_forward_windows"], { min: 1, max: 10, integer: true }, 3);
  const seed = readNumber(sink, body.random_seed, ["random_seed"], { min: 0, max: MAX_SEED, integer: true }, 0);
  const exploration = readNumber(sink, body.exploration_weight, ["exploration_weight"], { min: 0, max: MAX_EXPLORATION_WEIGHT }, 1);
  const gridSteps = readNumber(sink, body.grid_steps, ["grid_steps"], { min: 2, max: 100, integer: true }, 5);
  if (sink.count > 0 || !base || !parameters || name === undefined || strategy === undefined || maxTrials === undefined
    || concurrency === undefined || metric === undefined || direction === undefined || mode === undefined || fraction === undefined
    || windows === undefined || seed === undefined || exploration === undefined || gridSteps === undefined) {
    throw new EngineValidationError(sink.issues);
  }
  const request: OptimizationRequest = {
    name, description, search_space: { parameters }, strategy, max_trials: maxTrials, concurrency, objective_metric: metric,
    direction, base_backtest: base, validation_mode: mode, validation_fraction: fraction, walk_forward_windows: windows,
    random_seed: seed, exploration_weight: exploration, grid_steps: gridSteps,
  };
  checkWindowLengths(request);
  return request;
}

function readBase(sink: IssueSink, value: unknown, ctx: RequestContext): BacktestRequest | undefined {
  if (value === undefined) return void sink.add(["base_backtest"], "Field required", "missing");
  try {
    return normalizeBacktestRequest(value, ctx);
  } catch (err) {
    if (!(err instanceof EngineValidationError)) throw err;
    for (const issue of err.issues) sink.add(["base_backtest", ...issue.loc], issue.msg, issue.type);
    return undefined;
  }
}

function rawStrategyName(base: unknown): string | undefined {
  if (!isJsonObject(base)) return undefined;
  if (base.strategy === undefined) return DEFAULT_STRATEGY;
  return isJsonObject(base.strategy) && typeof base.strategy.name === "string" ? base.strategy.name : undefined;
}

/** Every train and validation range must span at least `MIN_WINDOW_BARS` bars. */
function checkWindowLengths(request: OptimizationRequest): void {
  const bar = RESOLUTION_MS[request.base_backtest.resolution];
  const short = splitWindows(request).some((w) =>
    Date.parse(w.validation.end_date) - Date.parse(w.validation.start_date) < MIN_WINDOW_BARS * bar
    || Date.parse(w.train.end_date) - Date.parse(w.train.start_date) < MIN_WINDOW_BARS * bar);
  if (!short) return;
  const loc = request.validation_mode === "walk_forward" ? "walk_forward_windows" : "validation_fraction";
  throw new EngineValidationError([{
    loc: [loc],
    msg: `the base backtest's range is too short: every training and validation window needs at least ${MIN_WINDOW_BARS} ${request.base_backtest.resolution} bars`,
    type: "value_error",
  }]);
}
