import { describe, expect, it } from "vitest";
import { Broker } from "../../../src/engine/execution/broker.ts";
import { resolveExecutionSettings } from "../../../src/engine/execution/settings.ts";
import type { ExecutionInput } from "../../../src/engine/types.ts";
import { DAY, makeSeries, runStrategy, T0 } from "../simulation/series-fixtures.ts";

function broker(opens: number[], volumes: number[], exec: ExecutionInput = { slippage_bps: 0, commission_bps: 0 }, cash = 100_000, symbol = "A", allowShort = false) {
  const series = [makeSeries(symbol, opens, { volumes })];
  const b = new Broker({ series, settings: resolveExecutionSettings(exec), initialCash: cash, allowShort, strategyId: "test", delayBars: 1 });
  const bar = (i: number) => {
    b.current[0] = i;
    b.fillDue(0, i);
  };
  return { b, bar };
}

describe("Broker", () => {
  it("caps fills at the volume participation and cancels the rest", () => {
    const { b, bar } = broker([100, 100, 100], [1e9, 40, 1e9]);
    bar(0);
    b.setTarget(0, 30, T0);
    expect(b.pending[0]).toBe(30);
    bar(1);
    expect(b.fills.map((f) => f.shares)).toEqual([10]);
    expect(b.orderEvents.map((e) => [e.event, e.requested_shares, e.filled_shares])).toEqual([
      ["submitted", 30, 0],
      ["partially_filled", 30, 10],
      ["cancelled", 30, 0],
    ]);
    expect(b.orderEvents[2].reason).toBe("volume cap: at most 10 (25% of bar volume 40)");
    expect(b.logs).toHaveLength(1);
    expect(b.pending[0]).toBe(0);
  });

  it("reduces buys so cash never goes negative after costs, and rejects what cash cannot cover", () => {
    const { b, bar } = broker([100, 100, 100], [1e9, 1e9, 1e9], { slippage_bps: 0, commission_bps: 0, minimum_commission: 5 }, 1001);
    bar(0);
    b.setTarget(0, 20, T0);
    bar(1);
    expect(b.fills[0].shares).toBe(9);
    expect(b.ledger.cash).toBe(1001 - 900 - 5);
    b.setTarget(0, 20, T0 + DAY);
    bar(2);
    expect(b.fills).toHaveLength(1);
    expect(b.orderEvents.at(-1)).toMatchObject({ event: "rejected", filled_shares: 0 });
    expect(b.ledger.cash).toBeGreaterThanOrEqual(0);
  });

  it("never sells below zero unless shorting is allowed", () => {
    const { b, bar } = broker([100, 100, 100], [1e9, 1e9, 1e9]);
    bar(0);
    b.submit(0, -5, T0);
    bar(1);
    expect(b.fills).toEqual([]);
    expect(b.orderEvents.at(-1)?.event).toBe("rejected");
    const short = broker([100, 100], [1e9, 1e9], { slippage_bps: 0, commission_bps: 0 }, 1000, "A", true);
    short.bar(0);
    short.b.setTarget(0, -5, T0);
    short.bar(1);
    expect(short.b.ledger.position[0]).toBe(-5);
    expect(short.b.ledger.cash).toBe(1500);
  });

  it("records slippage cost against the open and cancels what is pending at the end", () => {
    const { b, bar } = broker([100, 100], [1e9, 1e9], { slippage_bps: 10, commission_bps: 0 });
    bar(0);
    b.setTarget(0, 10, T0);
    bar(1);
    expect(b.fills[0].price).toBeCloseTo(100.1, 12);
    expect(b.fills[0].slippage_cost).toBeCloseTo(1, 9);
    b.setTarget(0, 0, T0 + DAY);
    b.finish(T0 + DAY);
    expect(b.orderEvents.at(-1)).toMatchObject({ event: "cancelled", requested_shares: -10, reason: "end of data: no later bar to fill at" });
    expect(b.pending[0]).toBe(0);
  });

  it("marks fills that end a round trip: flat after the fill, or flipped through zero; trims are not", () => {
    const { b, bar } = broker([100, 100, 100, 100, 100, 100], new Array(6).fill(1e9), { slippage_bps: 0, commission_bps: 0 }, 100_000, "A", true);
    bar(0);
    b.setTarget(0, 10, T0); // open long 10
    bar(1);
    b.setTarget(0, 4, T0 + DAY); // trim to 4
    bar(2);
    b.setTarget(0, -3, T0 + 2 * DAY); // flip: sell 7 (closes the long, opens short 3)
    bar(3);
    b.setTarget(0, 0, T0 + 3 * DAY); // cover the short
    bar(4);
    expect(b.fills.map((f) => [f.action, f.shares, f.realized_pnl !== null, f.closesPosition])).toEqual([
      ["BUY", 10, false, false],
      ["SELL", 6, true, false],
      ["SELL", 7, true, true],
      ["BUY", 3, true, true],
    ]);
  });
});

describe("fill timing and quantities (through the loop)", () => {
  const closes = [100, 100, 100, 100, 100, 100];

  it("fills at the next open, or ceil(latency / bar length) bars later", async () => {
    const next = await runStrategy([makeSeries("A", closes)], "buy_and_hold");
    expect((next.fills[0].timestamp - T0) / DAY).toBe(1);
    const late = await runStrategy([makeSeries("A", closes)], "buy_and_hold", {}, { execution: { slippage_bps: 0, commission_bps: 0, latency_ms: 2.5 * DAY } });
    expect((late.fills[0].timestamp - T0) / DAY).toBe(3);
    expect(late.order_events.map((e) => [e.event, (e.timestamp - T0) / DAY])).toEqual([["submitted", 0], ["filled", 3]]);
  });

  it("trades whole shares for equities and 1e-8 steps for crypto", async () => {
    const equity = await runStrategy([makeSeries("A", [30_000, 30_000])], "buy_and_hold", { position_size: 1 });
    expect(equity.fills[0].shares).toBe(3);
    const crypto = await runStrategy([makeSeries("BTC-USD", [30_000, 30_000])], "buy_and_hold", { position_size: 1 });
    expect(crypto.fills[0].shares).toBe(3.33333333);
    expect(crypto.final_cash).toBeGreaterThanOrEqual(0);
    expect(crypto.final_cash).toBeCloseTo(100_000 - 3.33333333 * 30_000, 6);
  });
});
