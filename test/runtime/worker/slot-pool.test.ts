/** `SlotPool`: the slots (trial objects) of one optimisation, handed out lowest first, waiters in order. */
import { describe, expect, it } from "vitest";
import { SlotPool } from "../../../src/runtime/worker/slot-pool.ts";

const open = () => new AbortController().signal;

describe("SlotPool", () => {
  it("hands out the lowest free slot and queues waiters in arrival order", async () => {
    const pool = new SlotPool(2);
    expect(await pool.acquire(open())).toBe(0);
    expect(await pool.acquire(open())).toBe(1);
    const order: number[] = [];
    const third = pool.acquire(open()).then((slot) => (order.push(3), slot));
    const fourth = pool.acquire(open()).then((slot) => (order.push(4), slot));
    expect(pool.idle).toBe(false);
    pool.release(1);
    pool.release(0);
    expect([await third, await fourth]).toEqual([1, 0]);
    expect(order).toEqual([3, 4]);
    pool.release(0);
    pool.release(1);
    expect(pool.idle).toBe(true);
    expect(await pool.acquire(open())).toBe(0);
  });

  it("rejects a waiter with the abort reason and skips it on release", async () => {
    const pool = new SlotPool(1);
    await pool.acquire(open());
    const controller = new AbortController();
    const aborted = pool.acquire(controller.signal);
    const next = pool.acquire(open());
    const reason = new Error("cancelled");
    controller.abort(reason);
    await expect(aborted).rejects.toBe(reason);
    pool.release(0);
    expect(await next).toBe(0);
    await expect(pool.acquire(controller.signal)).rejects.toBe(reason);
  });

  it("grows to a larger size without renumbering", async () => {
    const pool = new SlotPool(1);
    expect(await pool.acquire(open())).toBe(0);
    pool.grow(3);
    expect([await pool.acquire(open()), await pool.acquire(open())]).toEqual([1, 2]);
  });
});
