/**
 * `round_trips` counts completed round trips (a fill that leaves the position flat or flips
 * it), while `win_rate` / `profit_factor` stay over every closing (reducing) fill, trims included.
 */
import { describe, expect, it } from "vitest";
import { createInMemoryProvider } from "../../../src/engine/data/in-memory-provider.ts";
import { normalizeBacktestRequest } from "../../../src/engine/request/normalize-request.ts";
import { runBacktest } from "../../../src/engine/run/stream-backtest.ts";
import type { BarSeries } from "../../../src/engine/types.ts";
import { makeSeries } from "../simulation/series-fixtures.ts";

const CTX = { runtime: "node", csvAllowed: true } as const;

async function run(series: BarSeries[], body: Record<string, unknown>) {
  const provider = createInMemoryProvider("dataset", new Map(series.map((s) => [s.symbol, s])));
  const request = normalizeBacktestRequest({
    symbols: series.map((s) => s.symbol), start_date: "2024-01-01", end_date: "2025-01-01", data_source: "dataset",
    execution: { slippage_bps: 0, commission_bps: 0 }, initial_capital: 100_000, ...body,
  }, CTX);
  return runBacktest({ runId: "round-trips", request, provider });
}

/** Closes compounding at `daily`; opens at the previous close. */
function trend(symbol: string, daily: number, days = 60): BarSeries {
  const closes = Array.from({ length: days }, (_, i) => 100 * Math.pow(1 + daily, i));
  return makeSeries(symbol, closes, { opens: closes.map((c, i) => (i === 0 ? c : closes[i - 1])) });
}

/** Flat, up, down, up: an SMA(2)/SMA(4) crossover goes long, then short (or flat), then long. */
const WAVE = [100, 100, 100, 100, 100, 104, 108, 112, 116, 120, 116, 112, 108, 104, 100, 96, 92, 96, 100, 104, 108, 112, 116];

describe("round_trips", () => {
  it("is 0 on a run that only trims (weekly 50/50 rebalances), while trims still count as closing fills", async () => {
    const r = await run([trend("AAA", -0.004), trend("BBB", 0.004)], {
      strategy: { name: "target_weights" },
      portfolio_construction: { method: "target_weights", target_weights: { AAA: 1, BBB: 1 }, rebalance_frequency: "weekly" },
    });
    const sells = r.trades.filter((t) => t.action === "SELL");
    expect(sells.length).toBeGreaterThan(5);
    expect(sells.every((t) => t.realized_pnl !== null && t.realized_pnl > 0)).toBe(true);
    expect(Object.keys(r.final_positions).sort()).toEqual(["AAA", "BBB"]);
    const m = r.metrics_summary;
    expect(m.round_trips).toBe(0);
    expect(m.win_rate).toBe(100);
    expect(m.total_trades).toBe(r.trades.length);
  });

  it("is 1 for open → close; a position still open at the end is not counted", async () => {
    const r = await run([makeSeries("AAA", WAVE)], { strategy: { name: "ma_crossover", params: { short_period: 2, long_period: 4 } } });
    const sides = r.trades.map((t) => t.action);
    // Long on the way up, flat on the way down, long again at the end (still open: not counted).
    expect(sides).toEqual(["BUY", "SELL", "BUY"]);
    expect(r.metrics_summary.round_trips).toBe(1);
  });

  it("counts a flip (long → short in one fill) as the end of a round trip", async () => {
    const r = await run([makeSeries("AAA", WAVE)], { strategy: { name: "ma_crossover", params: { short_period: 2, long_period: 4, allow_short: true } } });
    const flips = r.trades.map((t) => [t.action, t.realized_pnl !== null]);
    // Open long; flip to short (closes the long); flip back to long (closes the short); long open.
    expect(flips).toEqual([["BUY", false], ["SELL", true], ["BUY", true]]);
    expect(r.metrics_summary.round_trips).toBe(2);
  });
});
