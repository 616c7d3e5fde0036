/** Bounded results: curves downsampled (first, last, extremes kept), lists truncated, sections chunked in full. */
import { describe, expect, it } from "vitest";
import type { BacktestResult } from "../../../src/engine/index.ts";
import { MAX_CURVE_POINTS, MAX_SECTION_ITEMS, chunkRange, downsampleCurve, sliceChunks, splitResult, splitResultSteps } from "../../../src/runs/result-parts.ts";
import { contentHashOf } from "../../../src/runs/result-reader.ts";
import { RESULT_CHUNK_ITEMS, RESULT_SECTIONS } from "../../../src/runs/run-store.ts";

function bigResult(points: number, trades: number): BacktestResult {
  const equity_curve = Array.from({ length: points }, (_, i) => ({
    timestamp: new Date(Date.UTC(2000, 0, 1) + i * 60_000).toISOString(),
    value: 1000 + Math.sin(i / 50) * 10 - (i === 7777 ? 500 : 0), cash: 0, positions: 0, total_pnl: 0, returns: 0, period_return: null,
    drawdown: i === 7777 ? 42.5 : Math.abs(Math.sin(i / 50)),
  }));
  const list = Array.from({ length: trades }, (_, i) => ({ order_id: i }));
  const result: Record<string, unknown> = { run_id: "r1", currency: "USD", content_hash: "ab".repeat(32) };
  for (const section of RESULT_SECTIONS) result[section] = [];
  result.equity_curve = equity_curve;
  result.trades = list;
  return result as unknown as BacktestResult;
}

describe("splitResult", () => {
  const result = bigResult(10_001, 2_500);
  const parts = splitResult(result);
  const summary = JSON.parse(parts.summaryJson) as Record<string, unknown> & { sections: Record<string, Record<string, unknown>> };

  it("downsamples curves to at most MAX_CURVE_POINTS keeping first, last and the max drawdown trough", () => {
    const curve = summary.equity_curve as { timestamp: string; drawdown: number }[];
    expect(curve.length).toBeLessThanOrEqual(MAX_CURVE_POINTS);
    expect(curve.length).toBeGreaterThan(MAX_CURVE_POINTS / 2);
    expect(curve[0]).toEqual(result.equity_curve[0]);
    expect(curve[curve.length - 1]).toEqual(result.equity_curve[10_000]);
    expect(curve.some((p) => p.drawdown === 42.5)).toBe(true);
    const times = curve.map((p) => p.timestamp);
    expect([...times].sort()).toEqual(times);
    expect(summary.sections.equity_curve).toEqual({ total: 10_001, included: curve.length, downsampled: true, truncated: false, href: "/v1/backtests/r1/results/equity_curve" });
  });

  it("truncates lists to MAX_SECTION_ITEMS and says so", () => {
    expect(summary.trades).toEqual(result.trades.slice(0, MAX_SECTION_ITEMS));
    expect(summary.sections.trades).toMatchObject({ total: 2_500, included: 1_000, downsampled: false, truncated: true });
    expect(summary.sections.logs).toMatchObject({ total: 0, included: 0, downsampled: false, truncated: false });
  });

  it("stores every section in full, in chunks of RESULT_CHUNK_ITEMS", () => {
    expect(parts.sections.trades.total).toBe(2_500);
    expect(parts.sections.trades.chunks).toHaveLength(Math.ceil(2_500 / RESULT_CHUNK_ITEMS));
    expect(parts.sections.trades.chunks.flatMap((c) => JSON.parse(c) as unknown[])).toEqual(result.trades);
    expect(parts.sections.logs.chunks).toEqual([]);
  });

  it("pages come out of the chunks a range names", () => {
    const { from, to } = chunkRange(1_500, 700);
    expect([from, to]).toEqual([1, 3]);
    expect(sliceChunks(parts.sections.trades.chunks.slice(from, to), 1_500, 700)).toEqual(result.trades.slice(1_500, 2_200));
    expect(contentHashOf(parts.summaryJson)).toBe("ab".repeat(32));
  });

  it("leaves short curves untouched", () => {
    const points = [{ value: 1 }, { value: 2 }];
    expect(downsampleCurve(points, { max: ["value"], min: ["value"] })).toEqual(points);
  });
});

describe("splitResultSteps", () => {
  it("yields after every encoded chunk and every section, and returns splitResult's parts", () => {
    const result = bigResult(10_001, 2_500);
    const steps = splitResultSteps(result);
    let yields = 0;
    let step = steps.next();
    for (; !step.done; step = steps.next()) yields++;
    // 11 equity-curve chunks, 3 trade chunks, one step per section.
    expect(yields).toBe(11 + 3 + RESULT_SECTIONS.length);
    expect(step.value).toEqual(splitResult(result));
  });
});
