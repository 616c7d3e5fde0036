/**
 * Helpers of the run route tests: a request body, JSON calls with the test key, and polling a run
 * until it reaches a state.
 */
import { expect } from "vitest";
import { VALID_KEY } from "../../app/helpers.ts";

/** Something with Hono's `request` (an app, or a harness). */
export interface Requester {
  request(path: string, init?: RequestInit): Response | Promise<Response>;
}

/** Headers with the valid key (and JSON content type). */
export const AUTH = { "X-API-Key": VALID_KEY, "Content-Type": "application/json" } as const;

/** A small, fast sample-data backtest body. */
export function sampleBody(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    symbols: ["AAPL", "MSFT"], start_date: "2022-01-01", end_date: "2023-01-01", data_source: "sample",
    strategy: { name: "ma_crossover", params: { short_period: 5, long_period: 20 } }, benchmark_symbol: "SPY", ...extra,
  };
}

/** A body whose run takes a while (minute bars over months). */
export function slowBody(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return sampleBody({ symbols: ["AAPL", "MSFT", "NVDA"], resolution: "minute", start_date: "2022-01-01", end_date: "2022-07-01", benchmark_symbol: null, ...extra });
}

/** `POST /v1/backtests`; returns the response and its JSON. */
export async function createRun(app: Requester, body: Record<string, unknown> = sampleBody(), prefix = ""): Promise<{ res: Response; json: Record<string, unknown> }> {
  const res = await app.request(`${prefix}/v1/backtests`, { method: "POST", headers: AUTH, body: JSON.stringify(body) });
  return { res, json: (await res.json()) as Record<string, unknown> };
}

/** GET with the key; returns the response and its parsed JSON (null for an empty body). */
export async function getJson<T = unknown>(app: Requester, path: string, headers: Record<string, string> = {}): Promise<{ res: Response; json: T }> {
  const res = await app.request(path, { headers: { "X-API-Key": VALID_KEY, ...headers } });
  const text = await res.text();
  return { res, json: (text === "" ? null : JSON.parse(text)) as T };
}

/** Polls `GET /v1/backtests/{id}` until `state` is one of `states` (fails after `timeoutMs`). */
export async function waitForState(app: Requester, runId: string, states: string[], timeoutMs = 15_000, prefix = ""): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { json } = await getJson<Record<string, unknown>>(app, `${prefix}/v1/backtests/${runId}`);
    if (states.includes(String(json.state))) return json;
    if (Date.now() > deadline) expect.fail(`run ${runId} stayed ${String(json.state)}; wanted ${states.join("|")}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
