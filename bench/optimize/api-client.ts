/** The three HTTP calls of an optimisation through the API, authenticated with `X-API-Key`. */
import type { TrialResult } from "../../src/engine/index.ts";

/** Where the API is and the key to use. */
export interface ApiTarget {
  baseUrl: string;
  apiKey: string;
}

/** The fields of `OptimizationStatus` the bench reads. */
export interface ApiOptimizationStatus {
  optimization_id: string;
  state: string;
  total_trials: number;
  completed_trials: number;
  failed_trials: number;
  error: string | null;
}

async function call(target: ApiTarget, method: string, path: string, expected: number, body?: unknown): Promise<unknown> {
  const res = await fetch(`${target.baseUrl}${path}`, {
    method,
    headers: { "X-API-Key": target.apiKey, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status !== expected) throw new Error(`${method} ${path}: ${res.status} (expected ${expected}) ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

/** `POST /v1/optimizations`; throws unless 201 with an id. */
export async function createOptimization(target: ApiTarget, body: Record<string, unknown>): Promise<ApiOptimizationStatus> {
  const status = (await call(target, "POST", "/v1/optimizations", 201, body)) as ApiOptimizationStatus;
  if (typeof status.optimization_id !== "string") throw new Error(`POST /v1/optimizations: no optimization_id in ${JSON.stringify(status)}`);
  return status;
}

/** `GET /v1/optimizations/{id}`; throws unless 200. */
export async function getOptimization(target: ApiTarget, id: string): Promise<ApiOptimizationStatus> {
  return (await call(target, "GET", `/v1/optimizations/${id}`, 200)) as ApiOptimizationStatus;
}

/** `GET /v1/optimizations/{id}/results`: its trials; throws unless 200. */
export async function getOptimizationTrials(target: ApiTarget, id: string): Promise<TrialResult[]> {
  const result = (await call(target, "GET", `/v1/optimizations/${id}/results`, 200)) as { trials?: TrialResult[] };
  if (!Array.isArray(result.trials)) throw new Error(`GET /v1/optimizations/${id}/results: no trials array`);
  return result.trials;
}
