/** The main thread's trial data cache (LRU + idle eviction) and the thread-count setting. */
import { availableParallelism } from "node:os";
import { afterEach, describe, expect, it } from "vitest";
import { resolveTrialWorkers } from "../../../../src/runtime/local/trial-pool/index.ts";
import { TrialDataCache } from "../../../../src/runtime/local/trial-pool/trial-data-cache.ts";
import type { TrialData } from "../../../../src/runtime/local/trial-pool/trial-data.ts";

let clock = 0;
const evicted: string[] = [];
let cache: TrialDataCache | null = null;
afterEach(() => {
  cache?.close();
  evicted.length = 0;
});

function make(maxEntries: number, idleMs = 1_000_000): TrialDataCache {
  cache = new TrialDataCache({ maxEntries, idleMs, onEvict: (key) => evicted.push(key), now: () => clock });
  return cache;
}
const data = (source: string): TrialData => ({ source, symbols: {}, bytes: 0 });

describe("TrialDataCache", () => {
  it("loads an optimisation's data once for all its jobs", async () => {
    const c = make(4);
    let loads = 0;
    const load = async () => data(`load-${++loads}`);
    const [a, b] = await Promise.all([c.acquire("o1", load), c.acquire("o1", load)]);
    expect(a).toBe(b);
    expect(a.source).toBe("load-1");
    expect(loads).toBe(1);
  });

  it("evicts the least recently used entry without running jobs beyond maxEntries", async () => {
    const c = make(2);
    await c.acquire("a", async () => data("a"));
    await c.acquire("b", async () => data("b"));
    c.release("b");
    await c.acquire("c", async () => data("c"));
    // "a" still has a job: "b" goes although "a" was used earlier.
    expect(evicted).toEqual(["b"]);
    expect(c.keys()).toEqual(["a", "c"]);
    c.release("a");
    expect(evicted).toEqual(["b"]);
    c.release("c");
    await c.acquire("d", async () => data("d"));
    expect(evicted).toEqual(["b", "a"]);
    expect(c.keys()).toEqual(["c", "d"]);
  });

  it("drops an optimisation idle for idleMs, never one with a running job", async () => {
    const c = make(4, 100);
    clock = 1000;
    await c.acquire("idle", async () => data("idle"));
    await c.acquire("busy", async () => data("busy"));
    c.release("idle");
    clock = 1099;
    c.sweep();
    expect(evicted).toEqual([]);
    clock = 1100;
    c.sweep();
    expect(evicted).toEqual(["idle"]);
    expect(c.keys()).toEqual(["busy"]);
  });

  it("forgets a failed load so the next job tries again", async () => {
    const c = make(4);
    await expect(c.acquire("o", async () => { throw new Error("store down"); })).rejects.toThrow("store down");
    expect(c.keys()).toEqual([]);
    expect((await c.acquire("o", async () => data("ok"))).source).toBe("ok");
  });
});

describe("resolveTrialWorkers", () => {
  it("takes a number as is and auto as the available parallelism", () => {
    expect(resolveTrialWorkers(3)).toBe(3);
    expect(resolveTrialWorkers(0)).toBe(0);
    expect(resolveTrialWorkers("auto")).toBe(Math.max(1, availableParallelism()));
  });
});
