import { describe, expect, it } from "vitest";
import { createTurnYield, scheduleMacrotask } from "../../src/runs/turn-yield.ts";

/** A scheduler whose macrotasks run only when the test says so. */
function manualScheduler() {
  const tasks: Array<() => void> = [];
  return {
    schedule: (task: () => void) => void tasks.push(task),
    pending: () => tasks.length,
    /** Runs the tasks queued now (one "turn"), then lets the resumed waiters' microtasks settle. */
    async turn(): Promise<void> {
      for (const task of tasks.splice(0)) task();
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

describe("createTurnYield", () => {
  it("resumes one waiter per macrotask, in arrival order", async () => {
    const clock = manualScheduler();
    const yieldControl = createTurnYield(clock.schedule);
    const resumed: string[] = [];
    void yieldControl().then(() => resumed.push("a"));
    void yieldControl().then(() => resumed.push("b"));
    void yieldControl().then(() => resumed.push("c"));
    expect(clock.pending()).toBe(1);
    expect(resumed).toEqual([]);
    await clock.turn();
    expect(resumed).toEqual(["a"]);
    expect(clock.pending()).toBe(1);
    await clock.turn();
    expect(resumed).toEqual(["a", "b"]);
    await clock.turn();
    expect(resumed).toEqual(["a", "b", "c"]);
    expect(clock.pending()).toBe(0);
  });

  it("puts a waiter that yields again behind the ones already waiting", async () => {
    const clock = manualScheduler();
    const yieldControl = createTurnYield(clock.schedule);
    const resumed: string[] = [];
    void yieldControl().then(async () => {
      resumed.push("a1");
      await yieldControl();
      resumed.push("a2");
    });
    void yieldControl().then(() => resumed.push("b"));
    await clock.turn();
    await clock.turn();
    await clock.turn();
    expect(resumed).toEqual(["a1", "b", "a2"]);
    expect(clock.pending()).toBe(0);
  });

  it("schedules nothing while nobody waits, and again for the next waiter", async () => {
    const clock = manualScheduler();
    const yieldControl = createTurnYield(clock.schedule);
    expect(clock.pending()).toBe(0);
    const first = yieldControl();
    await clock.turn();
    await first;
    expect(clock.pending()).toBe(0);
    const second = yieldControl();
    expect(clock.pending()).toBe(1);
    await clock.turn();
    await expect(second).resolves.toBeUndefined();
  });

  it("yields a real macrotask by default: a timer queued before resumes after it", async () => {
    const order: string[] = [];
    const yieldControl = createTurnYield();
    setImmediate(() => order.push("immediate"));
    await yieldControl();
    order.push("resumed");
    expect(order).toEqual(["immediate", "resumed"]);
  });

  it("scheduleMacrotask runs the task after the current microtasks", async () => {
    const order: string[] = [];
    await new Promise<void>((resolve) => {
      scheduleMacrotask(() => {
        order.push("task");
        resolve();
      });
      void Promise.resolve().then(() => order.push("microtask"));
    });
    expect(order).toEqual(["microtask", "task"]);
  });
});
