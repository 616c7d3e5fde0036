/**
 * Order of fills within one timestamp: every symbol's due sells first (symbols in request
 * order), then the buys, so a rebalance's buys are capped by the cash after its sales
 * (engine spec §4: "an order is reduced to what cash covers after costs").
 */
import { describe, expect, it } from "vitest";
import { Broker } from "../../../src/engine/execution/broker.ts";
import { resolveExecutionSettings } from "../../../src/engine/execution/settings.ts";
import type { Fill } from "../../../src/engine/simulation-types.ts";
import { makeSeries, runStrategy, T0 } from "./series-fixtures.ts";

const DAYS = 120;
/** Closes compounding at `daily`, opens at the previous close (a fill gets the decision price). */
function trend(symbol: string, daily: number) {
  const closes = Array.from({ length: DAYS }, (_, i) => 100 * Math.pow(1 + daily, i));
  return makeSeries(symbol, closes, { opens: closes.map((c, i) => (i === 0 ? c : closes[i - 1])) });
}

const byTimestamp = (fills: Fill[]) => {
  const groups = new Map<number, Fill[]>();
  for (const f of fills) groups.set(f.timestamp, [...(groups.get(f.timestamp) ?? []), f]);
  return groups;
};

describe("fills within a timestamp", () => {
  it("a 50/50 weekly rebalance (AAA falling, BBB rising, no costs) sells first and realises 50/50", async () => {
    const capital = 1_000_000;
    const out = await runStrategy([trend("AAA", -0.005), trend("BBB", 0.005)], "target_weights", {}, {
      initial_capital: capital,
      portfolio_construction: { method: "target_weights", target_weights: { AAA: 1, BBB: 1 }, rebalance_frequency: "weekly", cash_floor_pct: 0 },
    });
    const groups = byTimestamp(out.fills);
    // Orders are whole shares rounded toward zero, so a sale can raise up to one share of what
    // was sold less than the matching buy needs, and the capped buy is itself rounded down to a
    // whole share: a cash cut may trim the buy by less than one share of each (before sells went
    // first, AAA's buys were starved to the little cash left over from the previous rebalance).
    const cashCuts = out.order_events.filter((e) => e.event === "partially_filled" && e.reason?.includes("insufficient cash"));
    for (const e of cashCuts) {
      const fills = groups.get(e.timestamp)!;
      const sold = fills.find((f) => f.action === "SELL")!;
      const bought = fills.find((f) => f.action === "BUY" && f.symbol === e.symbol)!;
      expect((Math.abs(e.requested_shares) - e.filled_shares) * bought.price).toBeLessThan(sold.price + bought.price);
    }
    expect(out.order_events.filter((e) => e.event === "rejected")).toEqual([]);
    // Replay the fills independently (no costs): positions and cash after each fill timestamp,
    // valued at that bar's open (the fill price), give the realised weights of the rebalance.
    const opens = new Map([["AAA", trend("AAA", -0.005).open], ["BBB", trend("BBB", 0.005).open]]);
    const pos: Record<string, number> = { AAA: 0, BBB: 0 };
    let cash = capital;
    expect(groups.size).toBeGreaterThan(15);
    for (const [t, fills] of groups) {
      for (const f of fills) {
        const signed = f.action === "BUY" ? f.shares : -f.shares;
        pos[f.symbol] += signed;
        cash -= signed * f.price;
      }
      const k = Math.round((t - T0) / 86_400_000);
      const a = pos.AAA * opens.get("AAA")![k];
      const b = pos.BBB * opens.get("BBB")![k];
      expect(cash).toBeGreaterThanOrEqual(0);
      // Whole shares: within a couple of shares (each ≤ 0.02 % of equity) of 50 %.
      expect(Math.abs(a / (a + b + cash) - 0.5)).toBeLessThan(0.002);
      expect(Math.abs(b / (a + b + cash) - 0.5)).toBeLessThan(0.002);
      // After the initial allocation each rebalance sells the winner before buying the loser.
      if (fills.length === 2 && t !== out.fills[0].timestamp) {
        expect(fills.map((f) => [f.symbol, f.action])).toEqual([["BBB", "SELL"], ["AAA", "BUY"]]);
      }
    }
  });

  it("sells go first in request order, whatever the symbol order of the buys", async () => {
    // Three symbols, all in one bar: A buys, B and C sell. Cash is 0, so A's buy is only
    // possible from B's and C's proceeds.
    const series = ["A", "B", "C"].map((s) => makeSeries(s, [100, 100, 100]));
    const b = new Broker({ series, settings: resolveExecutionSettings({ slippage_bps: 0, commission_bps: 0 }), initialCash: 2_000, allowShort: false, strategyId: "t", delayBars: 1 });
    for (let s = 0; s < 3; s++) b.current[s] = 0;
    b.submit(1, 10, T0);
    b.submit(2, 10, T0);
    for (let s = 1; s < 3; s++) b.fillDue(s, 1);
    expect(b.ledger.cash).toBe(0);
    for (let s = 0; s < 3; s++) b.current[s] = 1;
    b.submit(0, 20, T0 + 1);
    b.submit(1, -10, T0 + 1);
    b.submit(2, -10, T0 + 1);
    for (let s = 0; s < 3; s++) b.fillDueSells(s, 2);
    for (let s = 0; s < 3; s++) b.fillDue(s, 2);
    expect(b.fills.slice(2).map((f) => [f.symbol, f.action, f.shares])).toEqual([["B", "SELL", 10], ["C", "SELL", 10], ["A", "BUY", 20]]);
    expect(b.ledger.cash).toBe(0);
  });

  it("keeps a symbol's own orders first in, first out: a sell behind a buy waits for it", () => {
    const series = [makeSeries("A", [100, 100, 100])];
    const b = new Broker({ series, settings: resolveExecutionSettings({ slippage_bps: 0, commission_bps: 0 }), initialCash: 10_000, allowShort: false, strategyId: "t", delayBars: 1 });
    b.current[0] = 0;
    b.submit(0, 10, T0);
    b.submit(0, -10, T0);
    b.fillDueSells(0, 1);
    expect(b.fills).toEqual([]);
    b.fillDue(0, 1);
    expect(b.fills.map((f) => [f.action, f.shares, f.closesPosition])).toEqual([["BUY", 10, false], ["SELL", 10, true]]);
    expect(b.ledger.position[0]).toBe(0);
  });
});
