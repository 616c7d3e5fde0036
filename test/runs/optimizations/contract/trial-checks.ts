/** Contract checks: recording trials (fencing, duplicates), listing them, and the conditional transitions. */
import type { OptimizationStore } from "../../../../src/runs/optimizations/optimization-store.ts";
import { DuplicateTrialError, StaleAttemptError } from "../../../../src/runs/optimizations/optimization-store.ts";
import { assertEqual, assertRejects } from "../../contract/assert.ts";
import type { OptimizationContractCheck } from "./contract-types.ts";
import { at, logDraft, optimizationRecord, stateDraft, trial } from "./fixtures.ts";

const isStale = (e: unknown) => e instanceof StaleAttemptError;
const isDuplicate = (e: unknown) => e instanceof DuplicateTrialError;

/** Creates `id`, claims it and moves it to `running`; returns the attempt. */
async function running(store: OptimizationStore, id: string, createdAt = at(0)): Promise<number> {
  await store.create(optimizationRecord(id, createdAt), stateDraft("queued", createdAt));
  const claim = await store.claim(id);
  await store.appendEvents(id, [stateDraft("running", at(1))], { state: "running", started_at: at(1) }, claim!.attempt);
  return claim!.attempt;
}

const trialDraft = (n: number) => ({ type: "trial" as const, timestamp: at(10 + n), payload: { trial: trial(n) } });

/** Checks of `recordTrial`, `listTrials`, `trialCount`, `cancel`, `resume`, `fail`, `complete`. */
export const TRIAL_CHECKS: OptimizationContractCheck[] = [
  {
    name: "recordTrial stores the trial, its events and the patch together; listTrials pages by number",
    async run(store) {
      const attempt = await running(store, "rec");
      for (const n of [3, 1, 7, 2, 5, 4, 6]) {
        const events = await store.recordTrial("rec", attempt, trial(n, n === 5 ? null : n / 10), [trialDraft(n)], { completed_trials: n, running_trials: 1 });
        assertEqual(events.map((e) => e.type), ["trial"], `events of trial ${n}`);
      }
      assertEqual(await store.trialCount("rec"), 7, "trialCount");
      assertEqual(await store.listTrials("rec", 0, 100), [1, 2, 3, 4, 5, 6, 7].map((n) => trial(n, n === 5 ? null : n / 10)), "all, by number");
      assertEqual((await store.listTrials("rec", 2, 3)).map((t) => t.number), [3, 4, 5], "after 2, limit 3");
      assertEqual(await store.listTrials("rec", 7, 3), [], "after the last");
      assertEqual((await store.readEvents("rec", 2, 100)).map((e) => (e.payload.trial as { number: number }).number), [3, 1, 7, 2, 5, 4, 6], "trial events in record order");
      assertEqual(await store.lastEventId("rec"), 9, "lastEventId");
      assertEqual((await store.getStatus("rec"))?.completed_trials, 6, "last patch applied");
    },
  },
  {
    name: "recordTrial rejects a stale attempt, a state other than running and a duplicate number, storing nothing",
    async run(store) {
      const attempt = await running(store, "fence");
      await store.recordTrial("fence", attempt, trial(1), [trialDraft(1)], { completed_trials: 1 });
      await assertRejects(() => store.recordTrial("fence", attempt, trial(1, 0.9), [trialDraft(1)], { completed_trials: 2 }), isDuplicate, "duplicate");
      await assertRejects(() => store.recordTrial("fence", attempt + 1, trial(2), [trialDraft(2)], { completed_trials: 2 }), isStale, "future attempt");
      const next = (await store.claim("fence"))!.attempt;
      await assertRejects(() => store.recordTrial("fence", attempt, trial(2), [trialDraft(2)], { completed_trials: 2 }), isStale, "stale after a new claim");
      await store.recordTrial("fence", next, trial(2), [trialDraft(2)], { completed_trials: 2 });
      await store.create(optimizationRecord("queued", at(1)), stateDraft("queued", at(1)));
      const queuedAttempt = (await store.claim("queued"))!.attempt;
      await assertRejects(() => store.recordTrial("queued", queuedAttempt, trial(1), [trialDraft(1)], {}), isStale, "queued is not running");
      assertEqual(await store.trialCount("queued"), 0, "nothing stored for queued");
      assertEqual((await store.listTrials("fence", 0, 10)).map((t) => [t.number, t.objective]), [[1, 0.1], [2, 0.2]], "trials");
      assertEqual(await store.lastEventId("fence"), 4, "events: queued, running, 2 trials");
      assertEqual((await store.getStatus("fence"))?.completed_trials, 2, "patch of the accepted trials only");
    },
  },
  {
    name: "cancel: queued or running → cancelled with one event; it bumps the attempt so nothing in flight is recorded",
    async run(store) {
      const attempt = await running(store, "c1");
      const done = await store.cancel("c1", at(5));
      assertEqual(done?.events, [{ event_id: 3, optimization_id: "c1", type: "state", timestamp: at(5), payload: { state: "cancelled" } }], "event");
      assertEqual(done?.status, { ...optimizationRecord("c1", at(0)).status, state: "cancelled", started_at: at(1), finished_at: at(5) }, "status");
      assertEqual(await store.getStatus("c1"), done?.status, "stored status");
      await assertRejects(() => store.recordTrial("c1", attempt, trial(1), [trialDraft(1)], {}), isStale, "late trial");
      assertEqual(await store.trialCount("c1"), 0, "late trial not stored");
      assertEqual(await store.cancel("c1", at(6)), null, "second cancel");
      await store.create(optimizationRecord("c2", at(1)), stateDraft("queued", at(1)));
      const both = await Promise.all([store.cancel("c2", at(7)), store.cancel("c2", at(8)), store.cancel("c2", at(9))]);
      assertEqual(both.filter((t) => t !== null).length, 1, "one of three concurrent cancels wins");
      assertEqual((await store.readEvents("c2", 0, 10)).map((e) => e.payload.state), ["queued", "cancelled"], "one cancelled event");
    },
  },
  {
    name: "resume: cancelled or failed → queued, clearing times, error and running_trials, keeping trials",
    async run(store) {
      const attempt = await running(store, "r1");
      await store.recordTrial("r1", attempt, trial(1), [trialDraft(1)], { completed_trials: 1, running_trials: 2, progress: 0.2 });
      assertEqual(await store.resume("r1", at(3)), null, "running cannot resume");
      await store.cancel("r1", at(4));
      const resumed = await store.resume("r1", at(5));
      assertEqual(resumed?.events.map((e) => [e.event_id, e.payload.state]), [[5, "queued"]], "event");
      assertEqual(resumed?.status, { ...optimizationRecord("r1", at(0)).status, completed_trials: 1, progress: 0.2 }, "status back to queued");
      assertEqual(await store.trialCount("r1"), 1, "trials kept");
      assertEqual(await store.resume("r1", at(6)), null, "queued cannot resume");
      const again = (await store.claim("r1"))!.attempt;
      const failed = await store.fail("r1", again, at(7), "boom");
      assertEqual(failed?.events.map((e) => e.payload), [{ state: "failed", error: "boom" }], "failed event");
      assertEqual(failed?.status.error, "boom", "error");
      const twice = await Promise.all([store.resume("r1", at(8)), store.resume("r1", at(8))]);
      assertEqual(twice.filter((t) => t !== null).length, 1, "one of two concurrent resumes wins");
      assertEqual((await store.getStatus("r1"))?.error, null, "error cleared");
      assertEqual(await store.listActive(), ["r1"], "active again");
    },
  },
  {
    name: "fail and complete are fenced and conditional",
    async run(store) {
      const attempt = await running(store, "f1");
      assertEqual(await store.fail("f1", attempt + 1, at(2), "x"), null, "fail with a wrong attempt");
      assertEqual(await store.complete("f1", attempt - 1, at(2)), null, "complete with a wrong attempt");
      await store.appendEvents("f1", [], { progress: 0.8, running_trials: 1 }, attempt);
      const done = await store.complete("f1", attempt, at(3));
      assertEqual(done?.status, { ...optimizationRecord("f1", at(0)).status, state: "completed", progress: 1, started_at: at(1), finished_at: at(3) }, "completed status");
      assertEqual(done?.events.map((e) => [e.event_id, e.payload]), [[3, { state: "completed" }]], "completed event");
      assertEqual(await store.fail("f1", attempt, at(4), "late"), null, "no fail after completed");
      assertEqual(await store.cancel("f1", at(4)), null, "no cancel after completed");
      assertEqual(await store.resume("f1", at(4)), null, "no resume after completed");
      await store.create(optimizationRecord("f2", at(1)), stateDraft("queued", at(1)));
      const queued = (await store.claim("f2"))!.attempt;
      assertEqual(await store.complete("f2", queued, at(2)), null, "complete needs running");
      assertEqual((await store.fail("f2", queued, at(2), "bad"))?.status.state, "failed", "fail from queued");
      assertEqual(await store.lastEventId("f2"), 2, "events of f2");
    },
  },
  {
    name: "putResultSummary is fenced like recordTrial and replaces an earlier summary",
    async run(store) {
      const attempt = await running(store, "sum");
      assertEqual(await store.getResultSummary("sum"), null, "none yet");
      await store.putResultSummary("sum", attempt, { summaryJson: '{"name":"a"}', etag: "e1", trial_count: 3 });
      await store.putResultSummary("sum", attempt, { summaryJson: '{"name":"b"}', etag: "e2", trial_count: 4 });
      assertEqual(await store.getResultSummary("sum"), { summaryJson: '{"name":"b"}', etag: "e2", trial_count: 4 }, "replaced");
      await assertRejects(() => store.putResultSummary("sum", attempt + 1, { summaryJson: "{}", etag: "e3", trial_count: 0 }), isStale, "stale");
      await store.appendEvents("sum", [logDraft(1, at(2))], {}, attempt);
      assertEqual((await store.getResultSummary("sum"))?.etag, "e2", "unchanged");
    },
  },
];
