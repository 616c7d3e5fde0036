import { describe, expect, it } from "vitest";
import { normalizeBacktestRequest } from "../../../src/engine/request/normalize-request.ts";
import { EngineValidationError } from "../../../src/engine/types.ts";
import type { EngineIssue } from "../../../src/engine/types.ts";

const NODE = { runtime: "node", csvAllowed: true } as const;
const BASE = { symbols: ["spy"], start_date: "2024-01-01", end_date: "2024-03-01" };

function issuesOf(body: unknown, ctx: { runtime: "node" | "deno" | "workerd"; csvAllowed: boolean } = NODE): EngineIssue[] {
  try {
    normalizeBacktestRequest(body, ctx);
  } catch (error) {
    expect(error).toBeInstanceOf(EngineValidationError);
    return (error as EngineValidationError).issues;
  }
  throw new Error("expected the request to be rejected");
}

/** The single issue of `patch` applied to the valid base body. */
function onlyIssue(patch: Record<string, unknown>): EngineIssue {
  const issues = issuesOf({ ...BASE, ...patch });
  expect(issues).toHaveLength(1);
  return issues[0];
}

describe("normalizeBacktestRequest defaults", () => {
  it("fills every default", () => {
    expect(normalizeBacktestRequest(BASE, NODE)).toEqual({
      symbols: ["SPY"],
      start_date: "2024-01-01T00:00:00.000Z",
      end_date: "2024-03-01T00:00:00.000Z",
      resolution: "day",
      strategy: { name: "buy_and_hold", params: { position_size: 0.95 } },
      execution: {
        slippage_bps: 5, commission_bps: 5, commission_per_share: 0.001, minimum_commission: 1,
        latency_ms: 0, max_volume_participation: 0.25,
      },
      initial_capital: 1_000_000,
      currency: "USD",
      timezone: "UTC",
      benchmark_symbol: null,
      portfolio_construction: null,
      risk_free_rate: 0.02,
      data_source: "default",
      csv_data_path: null,
      data_quality_mode: "warn",
      seed: 0,
    });
  });

  it("upper-cases and de-duplicates symbols keeping first order", () => {
    const r = normalizeBacktestRequest({ ...BASE, symbols: ["msft", "AAPL", "MSFT", "btc-usd", "aapl"] }, NODE);
    expect(r.symbols).toEqual(["MSFT", "AAPL", "BTC-USD"]);
  });

  it("converts offsets to UTC and keeps date-times", () => {
    const r = normalizeBacktestRequest({ ...BASE, start_date: "2024-01-01T09:30:00-05:00", end_date: "2024-01-02T01:00:00.5+02:00" }, NODE);
    expect(r.start_date).toBe("2024-01-01T14:30:00.000Z");
    expect(r.end_date).toBe("2024-01-01T23:00:00.500Z");
  });

  it("applies a pure-percentage commission when only commission_bps is set", () => {
    const r = normalizeBacktestRequest({ ...BASE, execution: { commission_bps: 10 } }, NODE);
    expect(r.execution).toEqual({
      slippage_bps: 5, commission_bps: 10, commission_per_share: 0, minimum_commission: 0,
      latency_ms: 0, max_volume_participation: 0.25,
    });
  });

  it("fills strategy parameter defaults", () => {
    const r = normalizeBacktestRequest({ ...BASE, strategy: { name: "ma_crossover", params: { short_period: 5 } } }, NODE);
    expect(r.strategy).toEqual({ name: "ma_crossover", params: { short_period: 5, long_period: 20, position_size: 0.95, allow_short: false } });
  });

  it("normalises portfolio construction in symbol order with its defaults", () => {
    const r = normalizeBacktestRequest({
      ...BASE, symbols: ["spy", "tlt"], strategy: { name: "target_weights" },
      portfolio_construction: { method: "target_weights", target_weights: { tlt: 2, SPY: 3 }, max_weight_pct: 60 },
    }, NODE);
    expect(r.portfolio_construction).toEqual({
      method: "target_weights", target_weights: { SPY: 3, TLT: 2 }, rebalance_frequency: "weekly",
      max_weight_pct: 60, cash_floor_pct: 0,
    });
  });

  it("accepts csv with a relative path on hosts that allow it", () => {
    const r = normalizeBacktestRequest({ ...BASE, data_source: "csv", csv_data_path: "fixtures/daily" }, NODE);
    expect([r.data_source, r.csv_data_path]).toEqual(["csv", "fixtures/daily"]);
  });

  it("is idempotent: normalising a normalised request returns it unchanged (replay_request)", () => {
    const bodies = [
      BASE,
      { ...BASE, symbols: ["b", "a", "B"], start_date: "2024-01-01T10:00:00+01:00", execution: { commission_bps: 3 }, benchmark_symbol: "qqq" },
      {
        ...BASE, symbols: ["spy", "tlt"], strategy: { name: "target_weights" }, timezone: "America/New_York",
        portfolio_construction: { method: "target_weights", target_weights: { spy: 0.6, tlt: 0.4 }, rebalance_frequency: "monthly" },
      },
      { ...BASE, data_source: "csv", csv_data_path: "x", seed: 7, strategy: { name: "rsi", params: { smoothing: "simple" } } },
    ];
    for (const body of bodies) {
      const once = normalizeBacktestRequest(body, NODE);
      const twice = normalizeBacktestRequest(JSON.parse(JSON.stringify(once)), NODE);
      expect(twice).toEqual(once);
    }
  });
});
