/** Concurrency, aborts and crashes of the trial worker pool, on real threads. */
import { afterEach, describe, expect, it } from "vitest";
import { TEST_HOOK_PREFIX, createTrialWorkerPool } from "../../../../src/runtime/local/trial-pool/index.ts";
import type { TrialPoolEvent, TrialWorkerPool } from "../../../../src/runtime/local/trial-pool/index.ts";
import { firstTrials, sampleProvider, smallRequest } from "./fixtures.ts";

const request = smallRequest({ data_source: "sample", symbols: ["AAA", "BBB", "CCC"], start_date: "2012-01-01" });
const [specA, specB, specC] = firstTrials(request, 3);
let pool: TrialWorkerPool | null = null;
let events: TrialPoolEvent[] = [];

function start(size: number, cancelGraceMs = 1000): TrialWorkerPool {
  events = [];
  pool = createTrialWorkerPool({ size, providerFor: sampleProvider, testHooks: true, cancelGraceMs, observe: (e) => events.push(e) });
  return pool;
}
afterEach(async () => {
  await pool?.close();
  pool = null;
});

const job = (optimizationId: string, spec = specA) => ({ optimizationId, request, spec });
const live = () => new AbortController().signal;
const until = async (check: () => boolean): Promise<void> => {
  for (let i = 0; i < 2000 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  if (!check()) throw new Error("condition not reached in 10 s");
};
const startedOn = (trial: number) => events.find((e) => e.type === "started" && e.trial === trial);

describe("trial worker pool", () => {
  it("runs two trials at once on two threads (their own clocks overlap)", async () => {
    const p = start(2);
    await Promise.all([p.evaluate(job("warm", specA), live()), p.evaluate(job("warm", specB), live())]);
    events = [];
    const results = await Promise.all([p.evaluate(job("o", specA), live()), p.evaluate(job("o", specB), live())]);
    expect(results.map((r) => r.number)).toEqual([specA.number, specB.number]);
    const done = events.flatMap((e) => (e.type === "finished" ? [e] : []));
    expect(done.map((e) => e.thread).sort()).toEqual([1, 2]);
    const [a, b] = done;
    expect(a.startedAt).toBeLessThan(b.finishedAt);
    expect(b.startedAt).toBeLessThan(a.finishedAt);
  });

  it("queues jobs beyond its threads in FIFO order", async () => {
    const p = start(1);
    const order: number[] = [];
    await Promise.all([specC, specA, specB].map((s) => p.evaluate(job("fifo", s), live()).then((r) => order.push(r.number))));
    expect(order).toEqual([specC.number, specA.number, specB.number]);
    expect(events.filter((e) => e.type === "started").map((e) => (e.type === "started" ? e.trial : 0))).toEqual(order);
  });

  it("drops an aborted queued job and stops an aborted running one, rejecting both with the reason", async () => {
    const p = start(1);
    const running = new AbortController();
    const queued = new AbortController();
    const held = p.evaluate(job(`${TEST_HOOK_PREFIX}hold`, specA), running.signal);
    const waiting = p.evaluate(job("q", specB), queued.signal);
    await until(() => startedOn(specA.number) !== undefined);
    const queuedReason = new Error("queued job cancelled");
    queued.abort(queuedReason);
    await expect(waiting).rejects.toBe(queuedReason);
    const runningReason = new Error("running job cancelled");
    running.abort(runningReason);
    await expect(held).rejects.toBe(runningReason);
    const next = await p.evaluate(job("q", specC), live());
    expect(next.status).toBe("completed");
    // The held thread handled the cancel itself: it was reused, never replaced; B never started.
    expect(events.filter((e) => e.type !== "finished")).toEqual([
      { type: "started", thread: 1, trial: specA.number, at: expect.any(Number) },
      { type: "started", thread: 1, trial: specC.number, at: expect.any(Number) },
    ]);
  });

  it("aborts a real trial mid-run: rejects with the reason, never reports it finished", async () => {
    const big = smallRequest({ data_source: "sample", symbols: Array.from({ length: 40 }, (_, i) => `S${i}`), start_date: "2000-01-01" });
    const p = start(1);
    const controller = new AbortController();
    const trial = p.evaluate({ optimizationId: "big", request: big, spec: specA }, controller.signal);
    await until(() => startedOn(specA.number) !== undefined);
    controller.abort("stop");
    await expect(trial).rejects.toBe("stop");
    const next = await p.evaluate(job("small", specB), live());
    expect(next.number).toBe(specB.number);
    expect(events.filter((e) => e.type === "finished").map((e) => (e.type === "finished" ? e.trial : 0))).toEqual([specB.number]);
    expect(events.some((e) => e.type === "thread_lost")).toBe(false);
  });

  it("replaces a thread that does not stop after a cancel (blocked in synchronous work)", async () => {
    const p = start(1, 50);
    const controller = new AbortController();
    const stuck = p.evaluate(job(`${TEST_HOOK_PREFIX}spin:20000`, specA), controller.signal);
    await until(() => startedOn(specA.number) !== undefined);
    controller.abort("cancel");
    await expect(stuck).rejects.toBe("cancel");
    const next = await p.evaluate(job("after", specB), live());
    expect(next.status).toBe("completed");
    expect(events.filter((e) => e.type === "thread_lost")).toEqual([{ type: "thread_lost", thread: 1, reason: "did not stop after a cancel" }]);
    expect(startedOn(specB.number)).toMatchObject({ thread: 2 });
  });

  it.each([
    ["process.exit", "exit:3", "trial 1: its worker thread crashed (the thread exited with code 3)"],
    ["an uncaught error", "throw", "trial 1: its worker thread crashed (test hook: uncaught error in a trial thread)"],
  ])("rejects only the job whose thread dies of %s, and keeps working", async (_name, hook, message) => {
    const p = start(2);
    const other = p.evaluate(job("fine", specB), live());
    const crashed = p.evaluate(job(`${TEST_HOOK_PREFIX}${hook}`, specA), live());
    await expect(crashed).rejects.toThrow(message);
    expect((await other).status).toBe("completed");
    expect((await p.evaluate(job("fine", specC), live())).status).toBe("completed");
    expect(events.filter((e) => e.type === "thread_lost").length).toBe(1);
  });

  it("rejects queued and new jobs once closed", async () => {
    const p = start(1);
    const held = p.evaluate(job(`${TEST_HOOK_PREFIX}hold`, specA), live());
    const queued = p.evaluate(job("q", specB), live());
    await until(() => startedOn(specA.number) !== undefined);
    const rejected = [expect(held).rejects.toThrow("the trial pool is closed"), expect(queued).rejects.toThrow("the trial pool is closed")];
    await p.close();
    await Promise.all(rejected);
    await expect(p.evaluate(job("q", specC), live())).rejects.toThrow("the trial pool is closed");
  });

  it("rejects at once with the reason of an already aborted signal", async () => {
    const p = start(1);
    await expect(p.evaluate(job("x"), AbortSignal.abort("early"))).rejects.toBe("early");
    expect(events).toEqual([]);
  });
});
