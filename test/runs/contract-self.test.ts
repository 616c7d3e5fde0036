/**
 * The contract suite must be able to fail: each deliberately broken store below is caught by
 * exactly the checks that cover the broken behaviour.
 */
import { describe, expect, it } from "vitest";
import type { DatasetStore } from "../../src/runs/dataset-store.ts";
import { createInMemoryDatasetStore } from "../../src/runs/memory-dataset-store.ts";
import { createInMemoryRunStore } from "../../src/runs/memory-run-store.ts";
import type { RunStore } from "../../src/runs/run-store.ts";
import { firstDifference } from "./contract/assert.ts";
import { runContract } from "./contract/contract.ts";

type Fault = { runs?: (inner: RunStore) => Partial<RunStore>; datasets?: (inner: DatasetStore) => Partial<DatasetStore> };

const FAULTS: Record<string, { fault: Fault; caughtBy: string[] }> = {
  "listRuns ignores the cursor": {
    fault: { runs: (s) => ({ listRuns: (q) => s.listRuns({ ...q, cursor: null }) }) },
    caughtBy: ["listRuns cursor paging visits each of 250 runs exactly once, in order", "listRuns rejects a malformed cursor with a RangeError"],
  },
  "listRuns breaks created_at ties by run_id ascending": {
    fault: {
      runs: (s) => ({
        async listRuns(q) {
          const page = await s.listRuns(q);
          const items = [...page.items].sort((a, b) => (a.created_at === b.created_at ? (a.run_id < b.run_id ? -1 : 1) : 0));
          return { ...page, items };
        },
      }),
    },
    caughtBy: ["listRuns lists newest first, equal created_at ordered by run_id descending", "listRuns cursor paging visits each of 250 runs exactly once, in order"],
  },
  "readEvents includes the afterId event": {
    fault: { runs: (s) => ({ readEvents: (id, after, limit) => s.readEvents(id, Math.max(0, after - 1), limit) }) },
    caughtBy: ["appendEvents applies the status patch together with its events", "readEvents pages by afterId and limit, ascending"],
  },
  "appendEvents drops the status patch": {
    fault: { runs: (s) => ({ appendEvents: (id, drafts) => s.appendEvents(id, drafts) }) },
    caughtBy: ["listRuns filters by state", "listActiveRuns lists queued and running runs, oldest first", "appendEvents applies the status patch together with its events"],
  },
  "appendEvents stores drafts one by one (not atomic)": {
    fault: {
      runs: (s) => ({
        async appendEvents(id, drafts, patch) {
          const stored = [];
          for (const draft of drafts) stored.push(...(await s.appendEvents(id, [draft])));
          return [...stored, ...(await s.appendEvents(id, [], patch))];
        },
      }),
    },
    caughtBy: ["a failing append stores none of its events and none of its patch"],
  },
  "createRun silently ignores a duplicate": {
    fault: { runs: (s) => ({ createRun: (r, e) => s.createRun(r, e).catch(async () => (await s.readEvents(r.status.run_id, 0, 1))[0]) }) },
    caughtBy: ["createRun rejects a duplicate run_id and keeps the original"],
  },
  "getResultSummary truncates at 2 MB": {
    fault: { runs: (s) => ({ getResultSummary: async (id) => (await s.getResultSummary(id))?.slice(0, 2_000_000) ?? null }) },
    caughtBy: ["a summary over 2 MB round-trips exactly"],
  },
  "getDataset loses -0 and subnormals (through JSON numbers / Float32)": {
    fault: {
      datasets: (s) => ({
        async getDataset(symbol, resolution) {
          const loaded = await s.getDataset(symbol, resolution);
          if (loaded) loaded.series.open.set(Float64Array.from(new Float32Array(loaded.series.open)));
          return loaded;
        },
      }),
    },
    caughtBy: ["a series round-trips bit-exact, with its quality and info", "a series of 100,000 bars round-trips bit-exact", "putDataset replaces the series of the same symbol and resolution only"],
  },
};

function brokenSubject(fault: Fault) {
  const runs = createInMemoryRunStore();
  const datasets = createInMemoryDatasetStore();
  return { subject: { runs: { ...runs, ...fault.runs?.(runs) }, datasets: { ...datasets, ...fault.datasets?.(datasets) } } };
}

describe("the store contract catches broken stores", () => {
  for (const [name, { fault, caughtBy }] of Object.entries(FAULTS)) {
    it(name, async () => {
      const outcomes = await runContract(() => brokenSubject(fault));
      expect(outcomes.filter((o) => !o.ok).map((o) => o.name).sort()).toEqual([...caughtBy].sort());
      for (const outcome of outcomes.filter((o) => !o.ok)) expect(outcome.error).toMatch(/^AssertionFailure: /);
    });
  }

  it("passes an unbroken store", async () => {
    const outcomes = await runContract(() => brokenSubject({}));
    expect(outcomes.filter((o) => !o.ok)).toEqual([]);
  });
});

describe("firstDifference", () => {
  it("names the path of the first difference and tells -0 from 0", () => {
    expect(firstDifference({ a: [1, { b: 2 }] }, { a: [1, { b: 3 }] })).toBe("$.a[1].b: 2 ≠ 3");
    expect(firstDifference(new Float64Array([0, -0]), new Float64Array([0, 0]))).toBe("$[1]: -0 ≠ 0");
    expect(firstDifference({ a: 1 }, { a: 1, b: 2 })).toBe("$ keys: [a] ≠ [a,b]");
    expect(firstDifference([1, 2], [1, 2, 3])).toBe("$.length: 2 ≠ 3");
    expect(firstDifference({ x: [NaN, "s", null] }, { x: [NaN, "s", null] })).toBeNull();
  });
});
