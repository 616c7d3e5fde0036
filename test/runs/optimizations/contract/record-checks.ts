/** Contract checks: creating optimisations, reading them back, their event logs and claims. */
import { StaleAttemptError } from "../../../../src/runs/optimizations/optimization-store.ts";
import { assert, assertEqual, assertRejects } from "../../contract/assert.ts";
import type { OptimizationContractCheck } from "./contract-types.ts";
import { at, logDraft, optimizationRecord, stateDraft, trial } from "./fixtures.ts";

const isError = (e: unknown) => e instanceof Error;
const isStale = (e: unknown) => e instanceof StaleAttemptError;

/** Checks of `create`, `get`, `getStatus`, `appendEvents`, `readEvents`, `lastEventId` and `claim`. */
export const RECORD_CHECKS: OptimizationContractCheck[] = [
  {
    name: "create stores the optimisation with its first event as id 1; a duplicate id is rejected",
    async run(store) {
      const record = optimizationRecord("opt-a", at(0));
      const event = await store.create(record, stateDraft("queued", at(0)));
      assertEqual(event, { event_id: 1, optimization_id: "opt-a", type: "state", timestamp: at(0), payload: { state: "queued" } }, "returned event");
      assertEqual(await store.get("opt-a"), record, "get");
      assertEqual(await store.getStatus("opt-a"), record.status, "getStatus");
      assertEqual(await store.lastEventId("opt-a"), 1, "lastEventId");
      assertEqual(await store.readEvents("opt-a", 0, 10), [event], "readEvents");
      await assertRejects(() => store.create(optimizationRecord("opt-a", at(5), "running"), stateDraft("running", at(5))), isError, "duplicate");
      assertEqual(await store.get("opt-a"), record, "original kept");
      assertEqual(await store.lastEventId("opt-a"), 1, "no second first event");
      await store.create(optimizationRecord("opt-b", at(1), "queued", null), stateDraft("queued", at(1)));
      assertEqual((await store.get("opt-b"))?.key_id, null, "key_id null");
    },
  },
  {
    name: "an unknown optimisation reads as null / empty / 0 and rejects writes",
    async run(store) {
      assertEqual(await store.get("nope"), null, "get");
      assertEqual(await store.getStatus("nope"), null, "getStatus");
      assertEqual(await store.readEvents("nope", 0, 10), [], "readEvents");
      assertEqual(await store.lastEventId("nope"), 0, "lastEventId");
      assertEqual(await store.listTrials("nope", 0, 10), [], "listTrials");
      assertEqual(await store.trialCount("nope"), 0, "trialCount");
      assertEqual(await store.getResultSummary("nope"), null, "getResultSummary");
      assertEqual(await store.claim("nope"), null, "claim");
      assertEqual(await store.cancel("nope", at(1)), null, "cancel");
      assertEqual(await store.resume("nope", at(1)), null, "resume");
      assertEqual(await store.fail("nope", 1, at(1), "x"), null, "fail");
      assertEqual(await store.complete("nope", 1, at(1)), null, "complete");
      await assertRejects(() => store.appendEvents("nope", [logDraft(1, at(1))]), isError, "appendEvents");
      await assertRejects(() => store.recordTrial("nope", 1, trial(1), [], {}), isError, "recordTrial");
      await assertRejects(() => store.putResultSummary("nope", 1, { summaryJson: "{}", etag: "e", trial_count: 0 }), isError, "putResultSummary");
      assertEqual(await store.listActive(), [], "listActive");
    },
  },
  {
    name: "appendEvents assigns consecutive ids and applies the patch in the same transaction",
    async run(store) {
      const record = optimizationRecord("seq", at(0));
      await store.create(record, stateDraft("queued", at(0)));
      const running = await store.appendEvents("seq", [stateDraft("running", at(1))], { state: "running", started_at: at(1), running_trials: 3 });
      assertEqual(running.map((e) => e.event_id), [2], "ids of the first append");
      assertEqual(await store.appendEvents("seq", [], { running_trials: 2 }), [], "no drafts, no events");
      const logs = await store.appendEvents("seq", [logDraft(1, at(2)), logDraft(2, at(3)), logDraft(3, at(4))], { completed_trials: 4, best_trial: trial(4) });
      assertEqual(logs.map((e) => e.event_id), [3, 4, 5], "ids of the second append");
      assertEqual(await store.getStatus("seq"), { ...record.status, state: "running", started_at: at(1), running_trials: 2, completed_trials: 4, best_trial: trial(4) }, "status");
      await store.appendEvents("seq", [], { optimization_id: "other", created_at: at(99), name: "renamed", error: "note" } as never);
      assertEqual((await store.getStatus("seq"))?.optimization_id, "seq", "id never changes");
      assertEqual((await store.getStatus("seq"))?.created_at, at(0), "created_at never changes");
      assertEqual((await store.getStatus("seq"))?.name, "tune", "name never changes");
      assertEqual((await store.getStatus("seq"))?.error, "note", "error patched");
      const ids = (await store.readEvents("seq", 0, 100)).map((e) => e.event_id);
      assertEqual(ids, [1, 2, 3, 4, 5], "every id once");
      assertEqual((await store.readEvents("seq", 2, 2)).map((e) => e.event_id), [3, 4], "paging");
      assertEqual(await store.readEvents("seq", 3, 0), [], "limit 0");
    },
  },
  {
    name: "a failing append stores none of its events and none of its patch",
    async run(store) {
      await store.create(optimizationRecord("atomic", at(0)), stateDraft("queued", at(0)));
      const bad = { type: "log" as const, timestamp: at(1), payload: { level: "info", message: 10n } };
      await assertRejects(() => store.appendEvents("atomic", [logDraft(1, at(1)), bad], { state: "running" }), isError, "append");
      assertEqual(await store.lastEventId("atomic"), 1, "lastEventId");
      assertEqual((await store.getStatus("atomic"))?.state, "queued", "state");
      assertEqual((await store.appendEvents("atomic", [logDraft(2, at(2))]))[0]?.event_id, 2, "no gap after a failed append");
    },
  },
  {
    name: "claim increments the attempt and returns it with the record; fenced appends need the current attempt",
    async run(store) {
      const record = optimizationRecord("claim", at(0));
      await store.create(record, stateDraft("queued", at(0)));
      const first = await store.claim("claim");
      assertEqual(first, { attempt: 1, record }, "first claim");
      await store.appendEvents("claim", [stateDraft("running", at(1))], { state: "running" }, 1);
      const second = await store.claim("claim");
      assertEqual(second?.attempt, 2, "second claim");
      assertEqual(second?.record.status.state, "running", "claimed record is current");
      await assertRejects(() => store.appendEvents("claim", [logDraft(1, at(2))], { running_trials: 9 }, 1), isStale, "attempt 1 is stale");
      assertEqual(await store.lastEventId("claim"), 2, "stale append stored nothing");
      assertEqual((await store.getStatus("claim"))?.running_trials, 0, "stale patch not applied");
      await store.appendEvents("claim", [logDraft(2, at(3))], {}, 2);
      await store.cancel("claim", at(4));
      await assertRejects(() => store.appendEvents("claim", [logDraft(3, at(5))], {}, 3), isStale, "terminal state refuses a fenced append");
      assertEqual(await store.lastEventId("claim"), 4, "events");
      assertEqual((await store.claim("claim"))?.attempt, 4, "cancel bumped the attempt to 3, this claim to 4");
    },
  },
  {
    name: "stored state cannot be changed through references a caller holds",
    async run(store) {
      const record = optimizationRecord("copy", at(0));
      const event = await store.create(record, stateDraft("queued", at(0)));
      record.request.search_space.parameters.length = 0;
      record.status.state = "failed";
      event.payload.state = "failed";
      const read = await store.get("copy");
      assertEqual(read, optimizationRecord("copy", at(0)), "after mutating inputs");
      read!.request.base_backtest.symbols.length = 0;
      (await store.getStatus("copy"))!.progress = 0.5;
      (await store.readEvents("copy", 0, 1))[0].payload.state = "failed";
      assertEqual(await store.get("copy"), optimizationRecord("copy", at(0)), "after mutating outputs");
      assert((await store.readEvents("copy", 0, 1))[0].payload.state === "queued", "event payload");
    },
  },
];
