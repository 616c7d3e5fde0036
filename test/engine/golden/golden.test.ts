/**
 * Golden backtests: one per built-in strategy on the committed CSV fixtures, compared field by
 * field with `expected/<name>.json`.
 *
 * Regenerate after an intended change of results (and review the diff):
 *   UPDATE_GOLDEN=1 npx vitest run --project unit test/engine/golden
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createInMemoryProvider, parseCsvSeries } from "../../../src/engine/data/index.ts";
import { normalizeBacktestRequest, runBacktest } from "../../../src/engine/index.ts";
import type { BacktestResult, LoadedSeries } from "../../../src/engine/index.ts";

const FIXTURES = fileURLToPath(new URL("../../fixtures/csv/", import.meta.url));
const EXPECTED = fileURLToPath(new URL("./expected/", import.meta.url));
const UPDATE = process.env.UPDATE_GOLDEN === "1";
const BASE = { start_date: "2023-01-01", end_date: "2023-09-01", data_source: "csv", csv_data_path: "fixtures" };

/** Name → request body (on top of BASE). */
export const GOLDEN_CASES: Record<string, Record<string, unknown>> = {
  buy_and_hold: { symbols: ["AAA", "BBB"], benchmark_symbol: "CCC", strategy: { name: "buy_and_hold" } },
  ma_crossover: { symbols: ["AAA"], benchmark_symbol: "BBB", strategy: { name: "ma_crossover", params: { short_period: 5, long_period: 20 } } },
  momentum: { symbols: ["AAA", "BBB"], strategy: { name: "momentum", params: { lookback_period: 10, momentum_threshold: 2, rebalance_frequency: 5 } } },
  mean_reversion: { symbols: ["BBB"], strategy: { name: "mean_reversion", params: { lookback_period: 10, entry_threshold: 1.5, exit_threshold: 0.25 } } },
  rsi: { symbols: ["AAA", "BTC-USD"], strategy: { name: "rsi", params: { lookback_period: 7, oversold_threshold: 35, overbought_threshold: 65 } } },
  covered_call: { symbols: ["AAA"], strategy: { name: "covered_call", params: { contracts: 50, days_to_expiry: 21 } } },
  target_weights: {
    symbols: ["AAA", "BBB", "BTC-USD"], timezone: "America/New_York", strategy: { name: "target_weights" },
    portfolio_construction: { method: "target_weights", target_weights: { AAA: 0.5, BBB: 0.3, "BTC-USD": 0.2 }, rebalance_frequency: "monthly", max_weight_pct: 45, drift_threshold_pct: 5 },
  },
};

function fixtureProvider() {
  const map = new Map<string, LoadedSeries>();
  for (const symbol of ["AAA", "BBB", "CCC", "BTC-USD"]) {
    const fileName = `${symbol}_1d.csv`;
    map.set(symbol, parseCsvSeries(readFileSync(FIXTURES + fileName, "utf8"), { symbol, resolution: "day", fileName }));
  }
  return createInMemoryProvider("csv", map);
}

async function runCase(name: string): Promise<BacktestResult> {
  const request = normalizeBacktestRequest({ ...BASE, ...GOLDEN_CASES[name] }, { runtime: "node", csvAllowed: true });
  const result = await runBacktest({ runId: `golden-${name}`, request, provider: fixtureProvider() });
  return JSON.parse(JSON.stringify(result)) as BacktestResult;
}

describe("golden backtests", () => {
  it.each(Object.keys(GOLDEN_CASES))("%s matches its golden file", async (name) => {
    const actual = await runCase(name);
    const file = `${EXPECTED}${name}.json`;
    if (UPDATE || !existsSync(file)) {
      if (!UPDATE) throw new Error(`missing golden file ${file}; run with UPDATE_GOLDEN=1`);
      writeFileSync(file, `${JSON.stringify(actual, null, 2)}\n`);
      return;
    }
    const expected = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
    expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
    for (const key of Object.keys(expected)) {
      expect((actual as unknown as Record<string, unknown>)[key], `field ${key}`).toEqual(expected[key]);
    }
  });
});
