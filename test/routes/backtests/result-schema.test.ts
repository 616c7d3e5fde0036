import { describe, expect, it } from "vitest";
import { createSampleProvider } from "../../../src/engine/data/sample-provider.ts";
import { normalizeBacktestRequest } from "../../../src/engine/request/normalize-request.ts";
import { runBacktest } from "../../../src/engine/run/stream-backtest.ts";
import {
  BacktestRequestSchema, BacktestResultSchema, BacktestStatusSchema, createBacktestRequestSchema, RunEventSchema,
} from "../../../src/routes/backtests/backtests.schemas.ts";

const CTX = { runtime: "node", csvAllowed: true } as const;

async function sampleResult(body: Record<string, unknown>) {
  const request = normalizeBacktestRequest({ start_date: "2023-01-01", end_date: "2023-06-01", data_source: "sample", ...body }, CTX);
  return runBacktest({ runId: "00000000-0000-4000-8000-000000000000", request, provider: createSampleProvider() });
}

describe("BacktestResultSchema at runtime", () => {
  it("parses real results strictly (no missing, extra or mistyped field)", async () => {
    const results = await Promise.all([
      sampleResult({ symbols: ["AAPL"], strategy: { name: "rsi" }, benchmark_symbol: "SPY" }),
      sampleResult({ symbols: ["AAPL"], strategy: { name: "covered_call" } }),
      sampleResult({ symbols: ["SPY", "TLT"], strategy: { name: "target_weights" }, portfolio_construction: { method: "target_weights", target_weights: { SPY: 0.6, TLT: 0.4 }, max_weight_pct: 55 } }),
    ]);
    for (const result of results) {
      const parsed = BacktestResultSchema.safeParse(JSON.parse(JSON.stringify(result)));
      expect(parsed.error?.issues ?? []).toEqual([]);
      expect(parsed.data).toEqual(result);
    }
  });

  it("rejects a result with an unknown field or a missing one", async () => {
    const result = JSON.parse(JSON.stringify(await sampleResult({ symbols: ["AAPL"] })));
    expect(BacktestResultSchema.safeParse({ ...result, extra: 1 }).success).toBe(false);
    delete result.metrics_summary.sharpe_ratio;
    expect(BacktestResultSchema.safeParse(result).success).toBe(false);
  });

  it("accepts its replay_request as a request body", async () => {
    const result = await sampleResult({ symbols: ["aapl", "msft"] });
    const parsed = createBacktestRequestSchema(CTX).parse(JSON.parse(JSON.stringify(result.manifest.replay_request)));
    expect(parsed).toEqual(result.manifest.replay_request);
  });
});

describe("createBacktestRequestSchema", () => {
  it("outputs the normalised request", () => {
    const body = { symbols: ["spy"], start_date: "2024-01-01", end_date: "2024-02-01" };
    expect(createBacktestRequestSchema(CTX).parse(body)).toEqual(normalizeBacktestRequest(body, CTX));
  });

  it("turns every engine issue into a custom zod issue carrying the engine type", () => {
    const parsed = createBacktestRequestSchema(CTX).safeParse({ symbols: ["spy"], start_date: "2024-02-01", end_date: "2024-01-01", resolution: "tick", extra: 1 });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => [i.path, i.code, (i as { params?: { type?: string } }).params?.type])).toEqual([
      [["extra"], "custom", "extra_forbidden"],
      [["end_date"], "custom", "value_error"],
      [["resolution"], "custom", "enum"],
    ]);
  });

  it("reports shape errors from zod before the engine runs", () => {
    const parsed = BacktestRequestSchema.safeParse({ symbols: "SPY", start_date: 1 });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => i.path.join("."))).toEqual(["symbols", "start_date", "end_date"]);
  });
});

describe("status and event schemas", () => {
  it("accept a valid status and reject progress outside 0..1", () => {
    const status = { run_id: "7d0b8c1e-8f5a-4c39-9a53-2f1f1a5a9b10", state: "running", progress: 0.5, created_at: "2026-01-01T00:00:00.000Z", started_at: "2026-01-01T00:00:01.000Z", finished_at: null, error: null };
    expect(BacktestStatusSchema.parse(status)).toEqual(status);
    expect(BacktestStatusSchema.safeParse({ ...status, progress: 1.5 }).success).toBe(false);
    expect(BacktestStatusSchema.safeParse({ ...status, run_id: "nope" }).success).toBe(false);
  });

  it("discriminate run events by type", () => {
    const base = { event_id: 1, run_id: "r", timestamp: "2026-01-01T00:00:00.000Z" };
    expect(RunEventSchema.safeParse({ ...base, type: "progress", payload: { progress: 1, bars_processed: 3, bars_total: 3 } }).success).toBe(true);
    expect(RunEventSchema.safeParse({ ...base, type: "metric", payload: { progress: 1 } }).success).toBe(false);
    expect(RunEventSchema.safeParse({ ...base, event_id: 0, type: "log", payload: { level: "info", message: "m" } }).success).toBe(false);
  });
});
