/** Shared set-up of the optimisation route tests: an app over `FakeOptimizations`, bodies and calls. */
import type { EnvSource } from "../../../src/config.ts";
import { buildOptimizationResult, normalizeOptimizationRequest } from "../../../src/engine/optimize/index.ts";
import type { OptimizationResult } from "../../../src/engine/optimize/types.ts";
import type { Harness } from "../../app/helpers.ts";
import { DEFAULT_ENV, VALID_KEY, makeApp } from "../../app/helpers.ts";
import { FakeOptimizations, trial } from "./fake-optimizations.ts";

/** Headers with the valid key and a JSON body. */
export const AUTH = { "X-API-Key": VALID_KEY, "Content-Type": "application/json" } as const;

/** A valid base backtest on sample data (known to every host's data check). */
export const BASE_BACKTEST = {
  symbols: ["AAPL", "MSFT"], start_date: "2021-01-01", end_date: "2023-01-01", data_source: "sample",
  strategy: { name: "ma_crossover", params: { short_period: 5, long_period: 30 } },
};

/** A valid optimisation body with `extra` merged in. */
export function optimizationBody(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: "tune",
    search_space: { parameters: [{ name: "short_period", kind: "int_range", low: 2, high: 10 }] },
    strategy: "grid", grid_steps: 3, max_trials: 3,
    base_backtest: BASE_BACKTEST,
    ...extra,
  };
}

/** A result the real engine builds from `optimizationBody()` and three trials. */
export function sampleResult(): OptimizationResult {
  return buildOptimizationResult(normalizedBody(), [trial(1, 0.5, { short_period: 2 }), trial(2, 1.25, { short_period: 6 }), trial(3, 0.75, { short_period: 10 })]);
}

/** An app serving the optimisation routes over a fresh fake. */
export function makeOptimizationApp(env: EnvSource = DEFAULT_ENV): { h: Harness; fake: FakeOptimizations } {
  const fake = new FakeOptimizations();
  const h = makeApp(env, { optimizations: fake, optimizationSubscriptions: fake });
  return { h, fake };
}

/** `POST /v1/optimizations` (or the legacy path with `prefix` ""); returns the response and its JSON. */
export async function postOptimization(h: Harness, body: unknown, path = "/v1/optimizations"): Promise<{ res: Response; json: Record<string, unknown> }> {
  const res = await h.request(path, { method: "POST", headers: AUTH, body: JSON.stringify(body) });
  return { res, json: (await res.json()) as Record<string, unknown> };
}

/** GET with the key; the parsed JSON (null for an empty body). */
export async function getJson<T = Record<string, unknown>>(h: Harness, path: string, headers: Record<string, string> = {}): Promise<{ res: Response; json: T }> {
  const res = await h.request(path, { headers: { "X-API-Key": VALID_KEY, ...headers } });
  const text = await res.text();
  return { res, json: (text === "" ? null : JSON.parse(text)) as T };
}

/** POST without a body, with the key. */
export async function postAction(h: Harness, path: string): Promise<{ res: Response; json: Record<string, unknown> }> {
  const res = await h.request(path, { method: "POST", headers: { "X-API-Key": VALID_KEY } });
  return { res, json: (await res.json()) as Record<string, unknown> };
}

/** Creates an optimisation through the API; returns its id. */
export async function createOptimization(h: Harness, body: Record<string, unknown> = optimizationBody()): Promise<string> {
  const { res, json } = await postOptimization(h, body);
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${JSON.stringify(json)}`);
  return String(json.optimization_id);
}

/** `optimizationBody()` as the engine normalises it. */
export function normalizedBody() {
  return normalizeOptimizationRequest(optimizationBody(), { runtime: "node", csvAllowed: false });
}
