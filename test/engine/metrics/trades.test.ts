import { describe, expect, it } from "vitest";
import { computeMetrics, tradeStats } from "../../../src/engine/metrics/index.ts";
import type { MetricsFill } from "../../../src/engine/metrics/index.ts";
import { input } from "./fixtures.ts";

const fill = (realized_pnl: number | null, commission: number, shares: number, price: number, closesPosition = false, slippage_cost = 0.5): MetricsFill => ({
  realized_pnl, commission, slippage_cost, shares, price, closesPosition,
});

/*
 * 7 fills, 5 closing (pnl 50, −20, 30, 0, −10), 2 of which end a round trip:
 *   buy 10 @ 100; trim 5 @ 110 (+50); close 5 @ 96 (−20, ends trip 1);
 *   buy 20 @ 50; trim 10 @ 53 (+30); close 10 @ 50 (0, ends trip 2); a trim of 1 @ 95 (−10)
 *   wins 50, 30 ⇒ win rate 2/5 = 40 %, average win 40, largest win 50
 *   losses −20, −10 ⇒ profit factor 80 / 30 = 2.6666…, average loss −15, largest loss −20
 *   commissions 1 + 1 + 1.5 + 2 + 2 + 2 + 0.25 = 9.75; slippage 7 × 0.5 = 3.5
 *   notional 1000 + 550 + 480 + 1000 + 530 + 500 + 95 = 4155
 */
const FILLS: MetricsFill[] = [
  fill(null, 1, 10, 100),
  fill(50, 1, 5, 110),
  fill(-20, 1.5, 5, 96, true),
  fill(null, 2, 20, 50),
  fill(30, 2, 10, 53),
  fill(0, 2, 10, 50, true),
  fill(-10, 0.25, 1, 95),
];

describe("trade statistics", () => {
  it("computes win rate, profit factor, averages, extremes and costs", () => {
    const t = tradeStats(FILLS);
    expect(t.totalTrades).toBe(7);
    expect(t.roundTrips).toBe(2);
    expect(t.winRatePct).toBeCloseTo(40, 12);
    expect(t.profitFactor).toBeCloseTo(8 / 3, 12);
    expect(t.averageWin).toBe(40);
    expect(t.averageLoss).toBe(-15);
    expect(t.largestWin).toBe(50);
    expect(t.largestLoss).toBe(-20);
    expect(t.totalCommissions).toBe(9.75);
    expect(t.totalSlippageCost).toBe(3.5);
    expect(t.tradedNotional).toBe(4155);
  });

  it("flows into the summary, with turnover = notional / mean equity", () => {
    // mean equity of [100, 110, 120] = 110 ⇒ turnover = 4155 / 110
    const m = computeMetrics(input([100, 110, 120], { fills: FILLS }));
    expect(m.total_trades).toBe(7);
    expect(m.win_rate).toBeCloseTo(40, 12);
    expect(m.profit_factor).toBeCloseTo(2.6666666666666667, 12);
    expect(m.total_commissions).toBe(9.75);
    expect(m.turnover).toBeCloseTo(37.772727272727273, 12);
  });

  it("counts round trips only from fills that end a position, never from trims", () => {
    // Trims only: closing fills (they carry realized_pnl and count in the win rate), no round trip.
    const trims = [fill(null, 0, 10, 100), fill(5, 0, 2, 102.5), fill(-3, 0, 3, 99)];
    const t = tradeStats(trims);
    expect(t.roundTrips).toBe(0);
    expect(t.winRatePct).toBe(50);
    expect(t.profitFactor).toBeCloseTo(5 / 3, 12);
    // Open then close: one round trip.
    expect(tradeStats([fill(null, 0, 10, 100), fill(20, 0, 10, 102, true)]).roundTrips).toBe(1);
    // A flip (long 10 → short 5 in one fill) ends the trip; covering the short ends the next one.
    expect(tradeStats([fill(null, 0, 10, 100), fill(10, 0, 15, 101, true), fill(5, 0, 5, 100, true)]).roundTrips).toBe(2);
  });

  it.each([
    ["no fills", [], { winRatePct: null, profitFactor: null, averageWin: null, averageLoss: null, largestWin: null, largestLoss: null, totalTrades: 0, roundTrips: 0, totalCommissions: 0 }],
    ["no closing fills", [fill(null, 1, 1, 10)], { winRatePct: null, profitFactor: null, averageWin: null, totalTrades: 1 }],
    ["only winners ⇒ no losing trades", [fill(5, 0, 1, 10), fill(7, 0, 1, 10)], { winRatePct: 100, profitFactor: null, averageLoss: null, largestLoss: null, averageWin: 6 }],
    ["only losers", [fill(-5, 0, 1, 10), fill(-7, 0, 1, 10)], { winRatePct: 0, profitFactor: 0, averageWin: null, largestWin: null, averageLoss: -6, largestLoss: -7 }],
    ["only breakeven", [fill(0, 0, 1, 10)], { winRatePct: 0, profitFactor: null, averageWin: null, averageLoss: null }],
  ] as [string, MetricsFill[], Record<string, number | null>][])("%s", (_name, fills, want) => {
    const t = tradeStats(fills) as unknown as Record<string, number | null>;
    for (const [k, v] of Object.entries(want)) expect(t[k], k).toBe(v);
  });

  it("turnover is 0 without fills", () => {
    expect(computeMetrics(input([100, 101])).turnover).toBe(0);
  });
});
