/** Contract checks: listing runs (order, filter, cursor paging) and the active runs. */
import { encodeListCursor } from "../../../src/runs/list-cursor.ts";
import type { RunStore } from "../../../src/runs/run-store.ts";
import type { RunState, RunStatus } from "../../../src/runs/run-types.ts";
import { assert, assertEqual, assertRejects } from "./assert.ts";
import type { ContractCheck } from "./contract-types.ts";
import { at, runRecord, stateDraft } from "./fixtures.ts";

const STATES: RunState[] = ["queued", "running", "completed", "failed", "cancelled"];

/** Creates runs `r000`… with creation times `time(i)` and states `state(i)`. */
async function seed(runs: RunStore, count: number, time: (i: number) => number, state: (i: number) => RunState): Promise<RunStatus[]> {
  const statuses: RunStatus[] = [];
  for (let i = 0; i < count; i++) {
    const record = runRecord(`r${String(i).padStart(3, "0")}`, at(time(i)), state(i));
    await runs.createRun(record, stateDraft(record.status.state, record.status.created_at));
    statuses.push(record.status);
  }
  return statuses;
}

/** The listing order, computed independently of the stores. */
function newestFirst(statuses: RunStatus[]): RunStatus[] {
  return [...statuses].sort((a, b) => (a.created_at === b.created_at ? (a.run_id < b.run_id ? 1 : -1) : a.created_at < b.created_at ? 1 : -1));
}

/** Follows cursors until the last page; returns the pages' run ids. */
async function pageThrough(runs: RunStore, limit: number, state: RunState | null): Promise<string[][]> {
  const pages: string[][] = [];
  let cursor: string | null = null;
  do {
    const page = await runs.listRuns({ limit, state, cursor });
    pages.push(page.items.map((s) => s.run_id));
    assert(pages.length <= 1000, "paging does not end");
    cursor = page.next_cursor;
  } while (cursor !== null);
  return pages;
}

const isRangeError = (e: unknown) => e instanceof RangeError && /cursor/i.test(e.message);

/** Checks of `listRuns` and `listActiveRuns`. */
export const LISTING_CHECKS: ContractCheck[] = [
  {
    name: "listRuns lists newest first, equal created_at ordered by run_id descending",
    async run({ runs }) {
      const statuses = await seed(runs, 9, (i) => [5, 1, 5, 3, 5, 1, 9, 3, 0][i], () => "queued");
      const page = await runs.listRuns({ limit: 50 });
      assertEqual(page.items.map((s) => s.run_id), ["r006", "r004", "r002", "r000", "r007", "r003", "r005", "r001", "r008"], "order");
      assertEqual(page.items, newestFirst(statuses), "full statuses");
      assertEqual(page.next_cursor, null, "single page has no cursor");
      assertEqual((await runs.listRuns({ limit: 3 })).items.map((s) => s.run_id), ["r006", "r004", "r002"], "limit 3");
    },
  },
  {
    name: "listRuns filters by state",
    async run({ runs }) {
      await seed(runs, 20, (i) => i, (i) => STATES[i % 5]);
      const running = await runs.listRuns({ limit: 50, state: "running" });
      assertEqual(running.items.map((s) => s.run_id), ["r016", "r011", "r006", "r001"], "running");
      assert(running.items.every((s) => s.state === "running"), "only running");
      assertEqual((await runs.listRuns({ limit: 50, state: null })).items.length, 20, "null state lists all");
      await runs.appendEvents("r016", [stateDraft("completed", at(100))], { state: "completed" });
      assertEqual((await runs.listRuns({ limit: 50, state: "running" })).items.map((s) => s.run_id), ["r011", "r006", "r001"], "after a transition");
      assertEqual(await runs.listRuns({ limit: 5, state: "cancelled" }), { items: (await runs.listRuns({ limit: 50, state: "cancelled" })).items, next_cursor: null }, "exactly one page");
    },
  },
  {
    name: "listRuns cursor paging visits each of 250 runs exactly once, in order",
    async run({ runs }) {
      const statuses = await seed(runs, 250, (i) => Math.floor((i * 37) % 101), (i) => (i % 3 === 0 ? "running" : "completed"));
      const pages = await pageThrough(runs, 7, null);
      assertEqual(pages.length, 36, "pages");
      assert(pages.slice(0, -1).every((p) => p.length === 7), "full pages but the last");
      assertEqual(pages.flat(), newestFirst(statuses).map((s) => s.run_id), "every run once, newest first");
      const running = await pageThrough(runs, 7, "running");
      assertEqual(running.flat(), newestFirst(statuses.filter((s) => s.state === "running")).map((s) => s.run_id), "filtered paging");
      assertEqual(running.length, 12, "84 running runs in 12 pages (the last page full, no empty page after it)");
    },
  },
  {
    name: "listRuns rejects a malformed cursor with a RangeError",
    async run({ runs }) {
      await seed(runs, 3, (i) => i, () => "queued");
      const bad = [
        "!!!",
        "not a cursor",
        "abc",
        "Zm9v",
        encodeListCursor({ created_at: "yesterday", run_id: "r001" }),
        encodeListCursor({ created_at: at(1), run_id: "" }),
        btoa(`${at(1)}|r001`).replace(/=+$/, "") + "$",
      ];
      for (const cursor of bad) await assertRejects(() => runs.listRuns({ limit: 5, cursor }), isRangeError, `cursor ${JSON.stringify(cursor)}`);
      const good = await runs.listRuns({ limit: 5, cursor: encodeListCursor({ created_at: at(1), run_id: "r001" }) });
      assertEqual(good.items.map((s) => s.run_id), ["r000"], "a well-formed cursor continues after its position");
    },
  },
  {
    name: "listActiveRuns lists queued and running runs, oldest first",
    async run({ runs }) {
      await seed(runs, 10, (i) => [4, 2, 8, 2, 6, 0, 9, 1, 3, 7][i], (i) => STATES[i % 5]);
      assertEqual(await runs.listActiveRuns(), ["r005", "r001", "r000", "r006"], "active");
      await runs.appendEvents("r005", [stateDraft("running", at(20))], { state: "running" });
      await runs.appendEvents("r001", [stateDraft("cancelled", at(21))], { state: "cancelled" });
      assertEqual(await runs.listActiveRuns(), ["r005", "r000", "r006"], "after transitions");
    },
  },
];
