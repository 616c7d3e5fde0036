/**
 * Runs queued sessions with a concurrency limit (`GLOWBACK_MAX_CONCURRENT_RUNS`), in arrival
 * order. A session is started when a slot frees; `remove` takes a not-yet-started one out.
 */

/** Something the executor can start. */
export interface Executable {
  readonly runId: string;
  execute(): Promise<void>;
}

/** A FIFO queue with at most `maxConcurrent` sessions executing at once. */
export class RunExecutor {
  private readonly queue: Executable[] = [];
  private readonly active = new Set<Executable>();
  private readonly idleWaiters: (() => void)[] = [];

  constructor(private readonly maxConcurrent: number) {
    if (!(maxConcurrent >= 1)) throw new RangeError("maxConcurrent must be at least 1");
  }

  /** Queues `session`; it starts as soon as a slot is free. */
  enqueue(session: Executable): void {
    this.queue.push(session);
    this.startNext();
  }

  /** Removes a queued (not started) session; false when it is not queued. */
  remove(runId: string): boolean {
    const index = this.queue.findIndex((s) => s.runId === runId);
    if (index < 0) return false;
    this.queue.splice(index, 1);
    this.notifyIdle();
    return true;
  }

  /** Sessions executing now. */
  get running(): number {
    return this.active.size;
  }

  /** Sessions waiting for a slot. */
  get waiting(): number {
    return this.queue.length;
  }

  /** Resolves when nothing is queued or executing. */
  idle(): Promise<void> {
    if (this.active.size === 0 && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private startNext(): void {
    while (this.active.size < this.maxConcurrent && this.queue.length > 0) {
      const session = this.queue.shift()!;
      this.active.add(session);
      void session
        .execute()
        .catch(() => undefined)
        .finally(() => {
          this.active.delete(session);
          this.startNext();
          this.notifyIdle();
        });
    }
  }

  private notifyIdle(): void {
    if (this.active.size > 0 || this.queue.length > 0) return;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}
