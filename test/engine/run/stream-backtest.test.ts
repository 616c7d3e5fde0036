import { describe, expect, it } from "vitest";
import { createSampleProvider } from "../../../src/engine/data/sample-provider.ts";
import { normalizeBacktestRequest } from "../../../src/engine/request/normalize-request.ts";
import { runBacktest, streamBacktest } from "../../../src/engine/run/stream-backtest.ts";
import type { BacktestRunEvent } from "../../../src/engine/run/run-types.ts";
import type { MarketDataProvider } from "../../../src/engine/types.ts";
import { EngineValidationError } from "../../../src/engine/types.ts";

const CTX = { runtime: "node", csvAllowed: true } as const;
const request = (extra: Record<string, unknown> = {}) =>
  normalizeBacktestRequest({
    symbols: ["AAPL", "MSFT"], start_date: "2023-01-01", end_date: "2023-07-01", data_source: "sample",
    strategy: { name: "ma_crossover", params: { short_period: 5, long_period: 15 } }, benchmark_symbol: "SPY", ...extra,
  }, CTX);

async function collect(provider: MarketDataProvider = createSampleProvider(), extra: Record<string, unknown> = {}) {
  const events: BacktestRunEvent[] = [];
  const result = await runBacktest({ runId: "run-1", request: request(extra), provider, onEvent: (e) => events.push(e) });
  return { events, result };
}

describe("streamBacktest", () => {
  it("streams logs, monotone progress ending at exactly 1, and metric points", async () => {
    const { events, result } = await collect();
    expect(events[0]).toMatchObject({ type: "log", level: "info" });
    const progress = events.filter((e) => e.type === "progress").map((e) => e.progress);
    expect(progress.length).toBeGreaterThan(4);
    for (let i = 1; i < progress.length; i++) expect(progress[i]).toBeGreaterThanOrEqual(progress[i - 1]);
    expect(progress.every((p) => p >= 0 && p <= 1)).toBe(true);
    expect(events[events.length - 1]).toMatchObject({ type: "progress", progress: 1 });
    expect(progress.filter((p) => p === 1)).toHaveLength(1);
    const metrics = events.filter((e) => e.type === "metric");
    expect(metrics.length).toBeGreaterThan(10);
    const last = metrics[metrics.length - 1];
    const lastPoint = result.equity_curve[result.equity_curve.length - 1];
    expect(last).toEqual({ type: "metric", timestamp: lastPoint.timestamp, equity: lastPoint.value, drawdown_pct: expect.closeTo(lastPoint.drawdown, 9) });
  });

  it("returns the result from the iterator form", async () => {
    const stream = streamBacktest({ runId: "r", request: request(), provider: createSampleProvider() });
    let step = await stream.next();
    while (!step.done) step = await stream.next();
    expect(step.value.run_id).toBe("r");
    expect(step.value.content_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(step.value.benchmark_symbol).toBe("SPY");
    expect(step.value.benchmark_curve.length).toBeGreaterThan(0);
  });

  it("is deterministic: byte-identical JSON for the same request; run_id outside the hash", async () => {
    const a = await collect();
    const b = await collect();
    expect(JSON.stringify(b.result)).toBe(JSON.stringify(a.result));
    const other = await runBacktest({ runId: "another-id", request: request(), provider: createSampleProvider() });
    expect(other.content_hash).toBe(a.result.content_hash);
  });

  it("replaying manifest.replay_request reproduces metrics and hash", async () => {
    const { result } = await collect();
    const replay = normalizeBacktestRequest(JSON.parse(JSON.stringify(result.manifest.replay_request)), CTX);
    const again = await runBacktest({ runId: "replay", request: replay, provider: createSampleProvider() });
    expect(again.metrics_summary).toEqual(result.metrics_summary);
    expect(again.content_hash).toBe(result.content_hash);
  });

  it("rejects with AbortError promptly when aborted mid-run", async () => {
    const controller = new AbortController();
    const long = normalizeBacktestRequest({ symbols: ["BTC-USD"], start_date: "2020-01-01", end_date: "2021-01-01", resolution: "hour", data_source: "sample" }, CTX);
    let sawMetric = false;
    const run = runBacktest({
      runId: "a", request: long, provider: createSampleProvider(), signal: controller.signal,
      onEvent: (e) => {
        if (e.type === "metric" && !sawMetric) {
          sawMetric = true;
          controller.abort();
        }
      },
    });
    await expect(run).rejects.toMatchObject({ name: "AbortError" });
    expect(sawMetric).toBe(true);
  });

  it("rejects before loading when the signal is already aborted", async () => {
    let loads = 0;
    const provider: MarketDataProvider = { source: "test", load: async (...args) => { loads++; return createSampleProvider().load(...args); } };
    const controller = new AbortController();
    controller.abort();
    await expect(runBacktest({ runId: "a", request: request(), provider, signal: controller.signal })).rejects.toMatchObject({ name: "AbortError" });
    expect(loads).toBe(0);
  });

  it("rejects a symbol without bars with a validation error naming it", async () => {
    const sample = createSampleProvider();
    const provider: MarketDataProvider = {
      source: "test",
      load: async (symbol, resolution, start, end) => {
        const loaded = await sample.load(symbol, resolution, start, end);
        if (symbol !== "MSFT") return loaded;
        const empty = new Float64Array(0);
        return { series: { ...loaded.series, timestamps: empty, open: empty, high: empty, low: empty, close: empty, volume: empty }, quality: { ...loaded.quality, bars: 0 } };
      },
    };
    const error = await runBacktest({ runId: "a", request: request(), provider }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EngineValidationError);
    expect((error as EngineValidationError).issues).toEqual([
      { loc: ["symbols", 1], msg: "No day bars for MSFT between 2023-01-01T00:00:00.000Z and 2023-07-01T00:00:00.000Z", type: "value_error" },
    ]);
  });
});
