/** Contract checks: listing optimisations (order, filter, cursor), the active ones, and the streamed result. */
import { buildOptimizationResult } from "../../../../src/engine/optimize/build-result.ts";
import { createSha256Hasher } from "../../../../src/engine/util/hasher.ts";
import { encodeListCursor } from "../../../../src/runs/list-cursor.ts";
import type { OptimizationStore } from "../../../../src/runs/optimizations/optimization-store.ts";
import type { OptimizationState } from "../../../../src/runs/optimizations/optimization-types.ts";
import { resultBodyStream, resultEtag, resultPieces, resultSummaryJson } from "../../../../src/runs/optimizations/result-stream.ts";
import { assert, assertEqual, assertRejects } from "../../contract/assert.ts";
import type { OptimizationContractCheck } from "./contract-types.ts";
import { REQUEST, at, optimizationRecord, stateDraft, trial } from "./fixtures.ts";

const STATES: OptimizationState[] = ["queued", "running", "completed", "failed", "cancelled"];
const id = (i: number) => `o${String(i).padStart(3, "0")}`;

async function seed(store: OptimizationStore, count: number, time: (i: number) => number, state: (i: number) => OptimizationState): Promise<void> {
  for (let i = 0; i < count; i++) await store.create(optimizationRecord(id(i), at(time(i)), state(i)), stateDraft(state(i), at(time(i))));
}

async function pageThrough(store: OptimizationStore, limit: number, state: OptimizationState | null): Promise<string[][]> {
  const pages: string[][] = [];
  let cursor: string | null = null;
  do {
    const page = await store.list({ limit, state, cursor });
    pages.push(page.items.map((s) => s.optimization_id));
    assert(pages.length <= 500, "paging does not end");
    cursor = page.next_cursor;
  } while (cursor !== null);
  return pages;
}

/** Records trials 1..n on a running optimisation `oid`; returns the attempt. */
async function withTrials(store: OptimizationStore, oid: string, n: number): Promise<number> {
  await store.create(optimizationRecord(oid, at(0)), stateDraft("queued", at(0)));
  const attempt = (await store.claim(oid))!.attempt;
  await store.appendEvents(oid, [], { state: "running" }, attempt);
  for (let k = n; k >= 1; k--) await store.recordTrial(oid, attempt, trial(k, k % 4 === 0 ? null : Math.sin(k)), [], {});
  return attempt;
}

/** SHA-256 hex of `text` with the engine's hasher. */
function sha256(text: string): string {
  const h = createSha256Hasher();
  h.update(new TextEncoder().encode(text));
  return h.digestHex();
}

/** Checks of `list`, `listActive` and the result served from the summary and trial rows. */
export const LISTING_RESULT_CHECKS: OptimizationContractCheck[] = [
  {
    name: "list: newest first (ties by id descending), state filter, cursor paging visits each once",
    async run(store) {
      await seed(store, 45, (i) => (i * 7) % 11, (i) => STATES[i % 5]);
      const expected = Array.from({ length: 45 }, (_, i) => i).sort((a, b) => ((b * 7) % 11) - ((a * 7) % 11) || b - a).map(id);
      const pages = await pageThrough(store, 4, null);
      assertEqual(pages.length, 12, "pages");
      assertEqual(pages.flat(), expected, "order");
      const one = await store.list({ limit: 50 });
      assertEqual(one.next_cursor, null, "one page has no cursor");
      assertEqual(one.items[0], optimizationRecord(expected[0], at((Number(expected[0].slice(1)) * 7) % 11), STATES[Number(expected[0].slice(1)) % 5]).status, "full status");
      const failed = await pageThrough(store, 3, "failed");
      assertEqual(failed.flat(), expected.filter((o) => Number(o.slice(1)) % 5 === 3), "filtered paging");
      assertEqual(failed.length, 3, "9 failed in exactly 3 pages");
    },
  },
  {
    name: "list rejects a malformed cursor with a RangeError; listActive is oldest first",
    async run(store) {
      await seed(store, 10, (i) => [4, 2, 8, 2, 6, 0, 9, 1, 3, 7][i], (i) => STATES[i % 5]);
      for (const cursor of ["!!!", "abc", encodeListCursor({ created_at: "soon", run_id: "o001" })]) {
        await assertRejects(() => store.list({ limit: 5, cursor }), (e) => e instanceof RangeError, `cursor ${cursor}`);
      }
      const after = await store.list({ limit: 5, cursor: encodeListCursor({ created_at: at(2), run_id: "o003" }) });
      assertEqual(after.items.map((s) => s.optimization_id), ["o001", "o007", "o005"], "continues after the position");
      assertEqual(await store.listActive(), ["o005", "o001", "o000", "o006"], "active");
      await store.cancel("o001", at(20));
      assertEqual(await store.listActive(), ["o005", "o000", "o006"], "after a cancel");
    },
  },
  {
    name: "the served result parses to buildOptimizationResult of the stored trials; the ETag is its SHA-256",
    async run(store) {
      await withTrials(store, "res", 23);
      const trials = await store.listTrials("res", 0, 1000);
      const expected = buildOptimizationResult(REQUEST, trials);
      const summaryJson = resultSummaryJson(expected);
      assert(!summaryJson.includes('"trials"'), "the summary leaves the trials out");
      const pieces: string[] = [];
      for await (const piece of resultPieces(store, "res", summaryJson, 5)) pieces.push(piece);
      assertEqual(pieces.length, 7, "head, 5 pages of at most 5 trials, tail");
      assertEqual(JSON.parse(pieces.join("")), JSON.parse(JSON.stringify(expected)), "paged pieces");
      const body = await new Response(resultBodyStream(store, "res", summaryJson)).text();
      assertEqual(body, pieces.join(""), "stream = pieces");
      assertEqual(JSON.parse(body), JSON.parse(JSON.stringify(expected)), "streamed result");
      assertEqual(await resultEtag(store, "res", summaryJson), sha256(body), "etag");
      const empty = buildOptimizationResult(REQUEST, []);
      await store.create(optimizationRecord("none", at(1)), stateDraft("queued", at(1)));
      const emptyBody = await new Response(resultBodyStream(store, "none", resultSummaryJson(empty))).text();
      assertEqual(JSON.parse(emptyBody), JSON.parse(JSON.stringify(empty)), "no trials");
    },
  },
  {
    name: "a result of more than one 500-trial page streams every trial once, in number order",
    async run(store) {
      await withTrials(store, "big", 1203);
      const summaryJson = resultSummaryJson(buildOptimizationResult(REQUEST, await store.listTrials("big", 0, 2000)));
      const parsed = JSON.parse(await new Response(resultBodyStream(store, "big", summaryJson)).text()) as { trials: { number: number }[]; manifest: { trial_count: number } };
      assertEqual(parsed.trials.map((t) => t.number), Array.from({ length: 1203 }, (_, i) => i + 1), "numbers");
      assertEqual(parsed.manifest.trial_count, 1203, "trial_count");
    },
  },
];
