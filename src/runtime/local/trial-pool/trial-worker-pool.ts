/**
 * `createTrialWorkerPool`: a `TrialEvaluator` that runs trials on worker threads (Node, Deno).
 * Threads start on demand and are kept; jobs wait in one FIFO queue for a free thread.
 */
import { setTimeout, clearTimeout } from "node:timers";
import type { BacktestRequest, MarketDataProvider, TrialResult } from "../../../engine/index.ts";
import type { TrialEvaluator, TrialJob } from "../../../runs/optimizations/trial-evaluator.ts";
import { loadTrialData } from "./load-trial-data.ts";
import type { FromWorker } from "./protocol.ts";
import { TrialDataCache } from "./trial-data-cache.ts";
import { TrialThread } from "./trial-thread.ts";

/** What the pool reports about its threads (for logs and tests). Times are the thread's epoch ms. */
export type TrialPoolEvent =
  | { type: "started"; thread: number; trial: number; at: number }
  | { type: "finished"; thread: number; trial: number; startedAt: number; finishedAt: number }
  | { type: "thread_lost"; thread: number; reason: string };

/** Options of {@link createTrialWorkerPool}. */
export interface TrialWorkerPoolOptions {
  /** Number of threads (≥ 1); see `resolveTrialWorkers`. */
  size: number;
  /** The main thread's provider of a backtest request (threads cannot reach its stores). */
  providerFor(request: BacktestRequest): MarketDataProvider;
  /** Hashing in the threads: `native` (`node:crypto`, default) or the engine's SHA-256. Same digests. */
  hasher?: "native" | "engine";
  /** Optimisations whose data is kept at once; default 4. */
  maxCachedOptimizations?: number;
  /** An optimisation's data is dropped after this long without a job, ms; default 60 000. */
  dataIdleMs?: number;
  /** A cancelled trial's thread that has not stopped after this long (ms) is replaced; default 1000. */
  cancelGraceMs?: number;
  /** Enables the crash hooks of `TEST_HOOK_PREFIX` jobs; tests only. */
  testHooks?: boolean;
  observe?(event: TrialPoolEvent): void;
}

interface Pending {
  id: number;
  job: TrialJob;
  settled: boolean;
  resolve(result: TrialResult): void;
  reject(error: unknown): void;
  thread: TrialThread | null;
  /** Whether the data was acquired from the cache (and must be released). */
  acquired: boolean;
  cancelTimer?: ReturnType<typeof setTimeout>;
}

/** A trial evaluator over threads; `close()` rejects every pending job and terminates the threads. */
export interface TrialWorkerPool extends TrialEvaluator {
  close(): Promise<void>;
}

/** A pool of `size` trial threads behind the `TrialEvaluator` interface. */
export function createTrialWorkerPool(options: TrialWorkerPoolOptions): TrialWorkerPool {
  return new WorkerPool(options);
}

class WorkerPool implements TrialWorkerPool {
  private readonly queue: Pending[] = [];
  private readonly threads: TrialThread[] = [];
  private readonly jobs = new Map<TrialThread, Pending>();
  private readonly cache: TrialDataCache;
  private nextId = 1;
  private nextThread = 1;
  private closed = false;

  constructor(private readonly options: TrialWorkerPoolOptions) {
    if (!Number.isInteger(options.size) || options.size < 1) throw new RangeError(`trial pool size must be an integer ≥ 1, got ${options.size}`);
    this.cache = new TrialDataCache({
      maxEntries: options.maxCachedOptimizations ?? 4,
      idleMs: options.dataIdleMs ?? 60_000,
      onEvict: (key) => {
        for (const t of this.threads) if (t.keys.delete(key)) t.send({ type: "drop", key });
      },
    });
  }

  evaluate(job: TrialJob, signal: AbortSignal): Promise<TrialResult> {
    if (this.closed) return Promise.reject(new Error("the trial pool is closed"));
    if (signal.aborted) return Promise.reject(signal.reason);
    return new Promise<TrialResult>((resolve, reject) => {
      const pending: Pending = { id: this.nextId++, job, settled: false, thread: null, acquired: false, resolve, reject };
      const onAbort = (): void => this.abort(pending, signal.reason);
      signal.addEventListener("abort", onAbort, { once: true });
      pending.resolve = (result) => { signal.removeEventListener("abort", onAbort); resolve(result); };
      pending.reject = (error) => { signal.removeEventListener("abort", onAbort); reject(error); };
      this.queue.push(pending);
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const error = new Error("the trial pool is closed");
    for (const p of this.queue.splice(0)) this.settle(p, error);
    for (const p of this.jobs.values()) this.settle(p, error);
    this.cache.close();
    await Promise.all(this.threads.splice(0).map((t) => t.terminate()));
    this.jobs.clear();
  }

  private pump(): void {
    while (!this.closed && this.queue.length > 0) {
      let thread = this.threads.find((t) => !this.jobs.has(t));
      if (thread === undefined && this.threads.length < this.options.size) thread = this.spawn();
      if (thread === undefined) return;
      const pending = this.queue.shift()!;
      this.jobs.set(thread, pending);
      pending.thread = thread;
      thread.hold(true);
      void this.dispatch(thread, pending);
    }
  }

  private spawn(): TrialThread {
    const thread = new TrialThread(this.nextThread++, { hasher: this.options.hasher ?? "native", testHooks: this.options.testHooks ?? false }, {
      message: (t, message) => this.onMessage(t, message),
      crash: (t, error) => this.onCrash(t, error),
    });
    this.threads.push(thread);
    return thread;
  }

  private async dispatch(thread: TrialThread, pending: Pending): Promise<void> {
    const { job } = pending;
    const key = job.optimizationId;
    try {
      pending.acquired = true;
      const load = async () => loadTrialData(job.request, this.options.providerFor(job.request.base_backtest));
      const data = await this.cache.acquire(key, load);
      await thread.ready;
      if (this.jobs.get(thread) !== pending) return;
      if (pending.settled) return this.free(thread);
      if (!thread.keys.has(key)) {
        thread.send({ type: "data", key, data });
        thread.keys.add(key);
      }
      thread.runningId = pending.id;
      thread.send({ type: "run", id: pending.id, key, request: job.request, spec: job.spec });
    } catch (error) {
      // A failed data load, or the thread died before it was ready (`onCrash` handled that).
      if (this.jobs.get(thread) !== pending) return;
      this.settle(pending, error);
      this.free(thread);
    }
  }

  private onMessage(thread: TrialThread, message: FromWorker): void {
    const pending = this.jobs.get(thread);
    if (pending === undefined || !("id" in message) || message.id !== pending.id) return;
    const trial = pending.job.spec.number;
    switch (message.type) {
      case "started":
        this.options.observe?.({ type: "started", thread: thread.index, trial, at: message.at });
        return;
      case "done":
        this.options.observe?.({ type: "finished", thread: thread.index, trial, startedAt: message.startedAt, finishedAt: message.finishedAt });
        if (!pending.settled) { pending.settled = true; pending.resolve(message.result); }
        return this.free(thread);
      case "failed":
        this.settle(pending, new Error(`trial ${trial} failed in its thread: ${message.message}`));
        return this.free(thread);
      case "cancelled":
        return this.free(thread);
    }
  }

  private onCrash(thread: TrialThread, error: Error): void {
    this.threads.splice(this.threads.indexOf(thread), 1);
    const pending = this.jobs.get(thread);
    this.options.observe?.({ type: "thread_lost", thread: thread.index, reason: error.message });
    if (pending !== undefined) {
      this.settle(pending, new Error(`trial ${pending.job.spec.number}: its worker thread crashed (${error.message})`));
      this.release(thread, pending);
    }
    this.pump();
  }

  /** A queued job is dropped; a running one is rejected now and its thread told to stop. */
  private abort(pending: Pending, reason: unknown): void {
    if (pending.settled) return;
    this.settle(pending, reason);
    const queued = this.queue.indexOf(pending);
    if (queued >= 0) return void this.queue.splice(queued, 1);
    const thread = pending.thread;
    if (thread === null || thread.runningId !== pending.id) return;
    thread.send({ type: "cancel", id: pending.id });
    pending.cancelTimer = setTimeout(() => {
      if (this.jobs.get(thread) !== pending) return;
      // The thread is stuck in synchronous work: replace it rather than wait.
      this.threads.splice(this.threads.indexOf(thread), 1);
      this.options.observe?.({ type: "thread_lost", thread: thread.index, reason: "did not stop after a cancel" });
      this.release(thread, pending);
      void thread.terminate();
      this.pump();
    }, this.options.cancelGraceMs ?? 1000);
    pending.cancelTimer.unref();
  }

  private settle(pending: Pending, error: unknown): void {
    if (pending.settled) return;
    pending.settled = true;
    pending.reject(error);
  }

  private free(thread: TrialThread): void {
    const pending = this.jobs.get(thread);
    if (pending !== undefined) this.release(thread, pending);
    this.pump();
  }

  private release(thread: TrialThread, pending: Pending): void {
    clearTimeout(pending.cancelTimer);
    this.jobs.delete(thread);
    thread.runningId = null;
    thread.hold(false);
    if (pending.acquired) this.cache.release(pending.job.optimizationId);
    pending.acquired = false;
  }
}
