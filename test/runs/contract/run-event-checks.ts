/** Contract checks: creating runs, reading them back, and their event logs. */
import type { RunEvent } from "../../../src/runs/run-types.ts";
import { assert, assertEqual, assertRejects } from "./assert.ts";
import type { ContractCheck } from "./contract-types.ts";
import { at, progressDraft, runRecord, stateDraft } from "./fixtures.ts";

const isError = (e: unknown) => e instanceof Error;

/** Checks of `createRun`, `getRun`, `getStatus`, `appendEvents`, `readEvents`, `lastEventId`. */
export const RUN_EVENT_CHECKS: ContractCheck[] = [
  {
    name: "createRun stores the run with its first event as id 1",
    async run({ runs }) {
      const record = runRecord("run-a", at(0));
      const first = stateDraft("queued", at(0));
      const event = await runs.createRun(record, first);
      assertEqual(event, { event_id: 1, run_id: "run-a", type: "state", timestamp: at(0), payload: { state: "queued" } }, "returned event");
      assertEqual(await runs.getRun("run-a"), record, "getRun");
      assertEqual(await runs.getStatus("run-a"), record.status, "getStatus");
      assertEqual(await runs.lastEventId("run-a"), 1, "lastEventId");
      assertEqual(await runs.readEvents("run-a", 0, 10), [event], "readEvents");
      const anonymous = runRecord("run-b", at(1), "queued", null);
      await runs.createRun(anonymous, first);
      assertEqual((await runs.getRun("run-b"))?.key_id, null, "key_id null");
    },
  },
  {
    name: "createRun rejects a duplicate run_id and keeps the original",
    async run({ runs }) {
      const record = runRecord("dup", at(0));
      await runs.createRun(record, stateDraft("queued", at(0)));
      await assertRejects(() => runs.createRun(runRecord("dup", at(5), "running"), stateDraft("running", at(5))), isError, "duplicate createRun");
      assertEqual(await runs.getRun("dup"), record, "original record");
      assertEqual(await runs.lastEventId("dup"), 1, "lastEventId");
      assertEqual((await runs.readEvents("dup", 0, 10)).map((e) => e.timestamp), [at(0)], "events");
    },
  },
  {
    name: "an unknown run reads as null / empty / 0 and rejects appends and results",
    async run({ runs }) {
      assertEqual(await runs.getRun("nope"), null, "getRun");
      assertEqual(await runs.getStatus("nope"), null, "getStatus");
      assertEqual(await runs.readEvents("nope", 0, 10), [], "readEvents");
      assertEqual(await runs.lastEventId("nope"), 0, "lastEventId");
      assertEqual(await runs.getResultSummary("nope"), null, "getResultSummary");
      assertEqual(await runs.getResultChunks("nope", "trades", 0, 10), [], "getResultChunks");
      await assertRejects(() => runs.appendEvents("nope", [progressDraft(1)]), isError, "appendEvents");
      assertEqual(await runs.lastEventId("nope"), 0, "lastEventId after the rejected append");
      assertEqual(await runs.getStatus("nope"), null, "no run appeared");
    },
  },
  {
    name: "appendEvents assigns consecutive ids across many calls",
    async run({ runs }) {
      await runs.createRun(runRecord("seq", at(0)), stateDraft("queued", at(0)));
      let expectedNext = 2;
      for (let call = 0; call < 60; call++) {
        const drafts = Array.from({ length: (call % 4) + (call % 7 === 0 ? 0 : 1) }, (_, i) => progressDraft(call * 10 + i));
        const stored = await runs.appendEvents("seq", drafts);
        assertEqual(stored.map((e) => e.event_id), drafts.map((_, i) => expectedNext + i), `ids of call ${call}`);
        assertEqual(stored.map((e) => e.payload), drafts.map((d) => d.payload), `payloads of call ${call}`);
        expectedNext += drafts.length;
      }
      const last = expectedNext - 1;
      assertEqual(await runs.lastEventId("seq"), last, "lastEventId");
      const all = await runs.readEvents("seq", 0, 10_000);
      assertEqual(all.map((e) => e.event_id), Array.from({ length: last }, (_, i) => i + 1), "every id once, ascending");
      assert(all.every((e) => e.run_id === "seq"), "every event carries its run_id");
    },
  },
  {
    name: "appendEvents applies the status patch together with its events",
    async run({ runs }) {
      const record = runRecord("patch", at(0));
      await runs.createRun(record, stateDraft("queued", at(0)));
      await runs.appendEvents("patch", [stateDraft("running", at(1))], { state: "running", started_at: at(1) });
      await runs.appendEvents("patch", [progressDraft(500, at(2))], { progress: 0.5 });
      const unchanged = await runs.appendEvents("patch", [], { progress: 0.75 });
      assertEqual(unchanged, [], "no drafts, no events");
      const done = await runs.appendEvents("patch", [progressDraft(1000, at(3)), stateDraft("completed", at(3))], {
        state: "completed",
        progress: 1,
        finished_at: at(3),
      });
      assertEqual(done.map((e) => e.event_id), [4, 5], "ids");
      const expected = { ...record.status, state: "completed" as const, progress: 1, started_at: at(1), finished_at: at(3) };
      assertEqual(await runs.getStatus("patch"), expected, "status");
      const lastEvent = (await runs.readEvents("patch", (await runs.lastEventId("patch")) - 1, 1))[0];
      assertEqual(lastEvent?.payload, { state: (await runs.getStatus("patch"))?.state }, "last event agrees with status");
      await runs.appendEvents("patch", [], { error: "late note", run_id: "other", created_at: at(99) } as never);
      assertEqual(await runs.getStatus("patch"), { ...expected, error: "late note" }, "run_id and created_at never change");
    },
  },
  {
    name: "a failing append stores none of its events and none of its patch",
    async run({ runs }) {
      await runs.createRun(runRecord("atomic", at(0)), stateDraft("queued", at(0)));
      const unserialisable = { type: "log" as const, timestamp: at(1), payload: { level: "info", message: 10n } };
      await assertRejects(() => runs.appendEvents("atomic", [progressDraft(1), unserialisable], { state: "running" }), isError, "append");
      assertEqual(await runs.lastEventId("atomic"), 1, "lastEventId");
      assertEqual((await runs.getStatus("atomic"))?.state, "queued", "state");
      const next = await runs.appendEvents("atomic", [progressDraft(2)]);
      assertEqual(next[0]?.event_id, 2, "the next append continues without a gap");
    },
  },
  {
    name: "stored state cannot be changed through references a caller holds",
    async run({ runs }) {
      const record = runRecord("copy", at(0));
      const first = stateDraft("queued", at(0));
      const event = await runs.createRun(record, first);
      record.request.symbols.push("EVIL");
      record.status.state = "failed";
      (first.payload as { state: string }).state = "failed";
      event.payload.state = "failed";
      const read = await runs.getRun("copy");
      assertEqual(read, runRecord("copy", at(0)), "record after mutating inputs");
      read!.request.symbols.length = 0;
      (await runs.readEvents("copy", 0, 1))[0].payload.state = "failed";
      (await runs.getStatus("copy"))!.progress = 0.9;
      assertEqual(await runs.getRun("copy"), runRecord("copy", at(0)), "record after mutating outputs");
      assertEqual((await runs.readEvents("copy", 0, 1))[0].payload, { state: "queued" }, "event payload");
    },
  },
  {
    name: "readEvents pages by afterId and limit, ascending",
    async run({ runs }) {
      await runs.createRun(runRecord("page", at(0)), stateDraft("queued", at(0)));
      await runs.appendEvents("page", Array.from({ length: 19 }, (_, i) => progressDraft(i + 1)));
      const ids = (events: RunEvent[]) => events.map((e) => e.event_id);
      assertEqual(ids(await runs.readEvents("page", 5, 4)), [6, 7, 8, 9], "after 5, limit 4");
      assertEqual(ids(await runs.readEvents("page", 0, 3)), [1, 2, 3], "from the start");
      assertEqual(ids(await runs.readEvents("page", 18, 10)), [19, 20], "short last page");
      assertEqual(ids(await runs.readEvents("page", 20, 5)), [], "after the last");
      assertEqual(ids(await runs.readEvents("page", 3, 0)), [], "limit 0");
      const page = await runs.readEvents("page", 9, 1);
      assertEqual(page, [{ event_id: 10, run_id: "page", type: "progress", timestamp: at(9), payload: { progress: 0.009, bars_processed: 9, bars_total: 1000 } }], "event 10");
    },
  },
];
