/** One worker thread of the pool: its lifecycle, the data keys it holds, and its current job. */
import type { Worker } from "node:worker_threads";
import type { FromWorker, ToWorker, TrialThreadOptions } from "./protocol.ts";
import { spawnTrialWorker } from "./spawn-trial-worker.ts";

/** What a thread reports to its pool. */
export interface TrialThreadEvents {
  message(thread: TrialThread, message: FromWorker): void;
  /** The thread died without being asked to (uncaught error, out of memory, `process.exit`). */
  crash(thread: TrialThread, error: Error): void;
}

/** A started thread. `ready` settles once its module has loaded (rejects when it died first). */
export class TrialThread {
  /** Optimisations whose data this thread has been sent. */
  readonly keys = new Set<string>();
  readonly ready: Promise<void>;
  /** Id of the job running on the thread (the `run` was sent), or null. */
  runningId: number | null = null;
  private readonly worker: Worker;
  private stopped = false;

  constructor(readonly index: number, options: TrialThreadOptions, events: TrialThreadEvents) {
    this.worker = spawnTrialWorker(options);
    let markReady: () => void = () => {};
    let markDead: (error: Error) => void = () => {};
    this.ready = new Promise<void>((resolve, reject) => {
      markReady = resolve;
      markDead = reject;
    });
    this.ready.catch(() => {});
    const died = (error: Error): void => {
      if (this.stopped) return;
      this.stopped = true;
      markDead(error);
      events.crash(this, error);
    };
    this.worker.on("message", (message: FromWorker) => {
      if (message.type === "ready") markReady();
      else if (!this.stopped) events.message(this, message);
    });
    this.worker.on("error", (error: Error) => died(error));
    this.worker.on("exit", (code: number) => died(new Error(`the thread exited with code ${code}`)));
    this.worker.unref();
  }

  /** Keeps the process alive while the thread has a job; an idle thread never does. */
  hold(busy: boolean): void {
    if (busy) this.worker.ref();
    else this.worker.unref();
  }

  /** Whether the thread was terminated or died. */
  get alive(): boolean {
    return !this.stopped;
  }

  /** Posts `message` (dropped once the thread is gone). */
  send(message: ToWorker): void {
    if (!this.stopped) this.worker.postMessage(message);
  }

  /** Stops the thread; no crash is reported for it. */
  async terminate(): Promise<void> {
    this.stopped = true;
    await this.worker.terminate();
  }
}
