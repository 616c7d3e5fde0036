/** Contract checks: storing and reading split results. */
import { RESULT_SECTIONS } from "../../../src/runs/run-store.ts";
import { assert, assertEqual, assertRejects } from "./assert.ts";
import type { ContractCheck } from "./contract-types.ts";
import { at, resultParts, runRecord, stateDraft } from "./fixtures.ts";

/** A summary of about `size` characters with multi-byte text and surrogate pairs spread through it. */
function bigSummary(size: number): string {
  const pieces: string[] = [];
  let length = 0;
  for (let i = 0; length < size; i++) {
    const piece = `{"i":${i},"note":"Δ€ 😀 value ${i * 7}"},`;
    pieces.push(piece);
    length += piece.length;
  }
  return `{"items":[${pieces.join("").slice(0, -1)}]}`;
}

/** Checks of `putResult`, `getResultSummary`, `getResultChunks`. */
export const RESULT_CHECKS: ContractCheck[] = [
  {
    name: "a summary over 2 MB round-trips exactly",
    async run({ runs }) {
      await runs.createRun(runRecord("big", at(0)), stateDraft("queued", at(0)));
      assertEqual(await runs.getResultSummary("big"), null, "no result yet");
      const summary = bigSummary(2_600_000);
      assert(new TextEncoder().encode(summary).length > 2 * 1024 * 1024, "the summary exceeds 2 MB");
      await runs.putResult("big", resultParts(summary));
      const read = await runs.getResultSummary("big");
      assertEqual(read?.length, summary.length, "length");
      assert(read === summary, "identical text");
      const boundary = "x".repeat(128 * 1024 - 1) + "😀" + "y".repeat(10);
      await runs.putResult("big", resultParts(boundary));
      assert((await runs.getResultSummary("big")) === boundary, "a surrogate pair across a part boundary survives");
      await runs.putResult("big", resultParts(""));
      assertEqual(await runs.getResultSummary("big"), "", "an empty summary is stored, not missing");
    },
  },
  {
    name: "getResultChunks returns [from, to) in order and leaves out missing chunks",
    async run({ runs }) {
      await runs.createRun(runRecord("chunks", at(0)), stateDraft("queued", at(0)));
      await runs.putResult("chunks", resultParts('{"ok":true}', { trades: 5, equity_curve: 12 }));
      const trades = resultParts("", { trades: 5 }).sections.trades.chunks;
      assertEqual(await runs.getResultChunks("chunks", "trades", 1, 3), trades.slice(1, 3), "[1, 3)");
      assertEqual(await runs.getResultChunks("chunks", "trades", 0, 5), trades, "all");
      assertEqual(await runs.getResultChunks("chunks", "trades", 3, 100), trades.slice(3), "past the end");
      assertEqual(await runs.getResultChunks("chunks", "trades", 5, 6), [], "none left");
      assertEqual(await runs.getResultChunks("chunks", "trades", 2, 2), [], "empty range");
      assertEqual(await runs.getResultChunks("chunks", "logs", 0, 10), [], "empty section");
      const equity = await runs.getResultChunks("chunks", "equity_curve", 9, 12);
      assertEqual(equity.map((c) => JSON.parse(c)[0].chunk), [9, 10, 11], "chunk order beyond 9 (numeric, not text)");
      assertEqual(await runs.getResultSummary("chunks"), '{"ok":true}', "summary");
    },
  },
  {
    name: "putResult replaces an earlier result entirely",
    async run({ runs }) {
      await runs.createRun(runRecord("replace", at(0)), stateDraft("queued", at(0)));
      await runs.putResult("replace", resultParts('{"v":1}', { trades: 4, logs: 2 }, "first"));
      await runs.putResult("replace", resultParts('{"v":2}', { trades: 2 }, "second"));
      assertEqual(await runs.getResultSummary("replace"), '{"v":2}', "summary");
      assertEqual(await runs.getResultChunks("replace", "trades", 0, 10), resultParts("", { trades: 2 }, "second").sections.trades.chunks, "trades");
      assertEqual(await runs.getResultChunks("replace", "logs", 0, 10), [], "logs of the first result are gone");
      for (const section of RESULT_SECTIONS) {
        if (section !== "trades") assertEqual(await runs.getResultChunks("replace", section, 0, 10), [], section);
      }
      await assertRejects(() => runs.putResult("no-such-run", resultParts("{}")), (e) => e instanceof Error, "result of an unknown run");
    },
  },
  {
    name: "a paced putResult (several transactions) stores the whole result and replaces an earlier one",
    async run({ runs }) {
      await runs.createRun(runRecord("paced", at(0)), stateDraft("queued", at(0)));
      await runs.putResult("paced", resultParts('{"v":1}', { trades: 40, logs: 3 }, "first"));
      // Every clock reading is a new slice, so a store that writes in slices yields after each.
      let clock = 0;
      const seen: (string | null)[] = [];
      const pace = {
        now: () => (clock += 25),
        yieldControl: async () => void seen.push(await runs.getResultSummary("paced")),
      };
      const second = resultParts('{"v":2}', { trades: 30, order_events: 25 }, "second");
      await runs.putResult("paced", second, pace);
      assert(seen.every((summary) => summary === null), "while it writes, no summary (neither the old nor a partial new one) is visible");
      assertEqual(await runs.getResultSummary("paced"), '{"v":2}', "summary");
      assertEqual(await runs.getResultChunks("paced", "trades", 0, 100), second.sections.trades.chunks, "trades");
      assertEqual(await runs.getResultChunks("paced", "order_events", 0, 100), second.sections.order_events.chunks, "order_events");
      assertEqual(await runs.getResultChunks("paced", "logs", 0, 10), [], "logs of the first result are gone");
      await assertRejects(() => runs.putResult("no-such-run", resultParts("{}"), pace), (e) => e instanceof Error, "result of an unknown run");
    },
  },
];
