import { describe, expect, it } from "vitest";
import { Ledger } from "../../../src/engine/execution/ledger.ts";

describe("Ledger", () => {
  it("averages costs and realises P&L net of the fill's commission on reduce and flip", () => {
    const l = new Ledger(100_000, [1]);
    expect(l.apply(0, 10, 100, 1)).toBeNull();
    expect(l.apply(0, 10, 110, 1)).toBeNull();
    expect(l.avgCost[0]).toBe(105);
    expect(l.apply(0, -5, 120, 2)).toBe(5 * 15 - 2);
    expect(l.avgCost[0]).toBe(105);
    // Flip long 15 → short 5: realises the 15 closed, opens 5 short at the fill price.
    expect(l.apply(0, -20, 100, 3)).toBe(15 * -5 - 3);
    expect(l.position[0]).toBe(-5);
    expect(l.avgCost[0]).toBe(100);
    expect(l.apply(0, 5, 90, 1)).toBe(5 * 10 - 1);
    expect(l.position[0]).toBe(0);
    expect(l.avgCost[0]).toBe(0);
    expect(l.cash).toBe(100_000 - 1001 - 1101 + 598 + 1997 - 451);
  });

  it("keeps crypto positions on the 1e-8 grid", () => {
    const l = new Ledger(1000, [1e-8]);
    l.apply(0, 0.1, 100, 0);
    l.apply(0, 0.2, 100, 0);
    expect(l.position[0]).toBe(0.3);
    l.apply(0, -0.3, 100, 0);
    expect(l.position[0]).toBe(0);
  });
});
