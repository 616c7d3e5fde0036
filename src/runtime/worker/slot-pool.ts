/**
 * A fixed set of numbered slots (`0..size-1`) handed out one holder at a time, waiters served in
 * arrival order. The trial evaluator keeps one per optimisation: a slot names a trial object.
 */

interface Waiter {
  resolve(slot: number): void;
  reject(reason: unknown): void;
  signal: AbortSignal;
  onAbort(): void;
}

/** Slots of one optimisation. */
export class SlotPool {
  private readonly free: number[] = [];
  private readonly waiters: Waiter[] = [];
  private size = 0;

  constructor(size: number) {
    this.grow(size);
  }

  /** Adds slots up to `size` (never shrinks: slots in use keep their numbers). */
  grow(size: number): void {
    for (; this.size < size; this.size += 1) this.release(this.size);
  }

  /** The lowest free slot, at once or when one is released; rejects with `signal.reason` on abort. */
  acquire(signal: AbortSignal): Promise<number> {
    if (signal.aborted) return Promise.reject(signal.reason);
    if (this.free.length > 0 && this.waiters.length === 0) return Promise.resolve(this.takeLowest());
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        signal,
        onAbort: () => {
          const at = this.waiters.indexOf(waiter);
          if (at >= 0) this.waiters.splice(at, 1);
          reject(signal.reason);
        },
      };
      signal.addEventListener("abort", waiter.onAbort, { once: true });
      this.waiters.push(waiter);
    });
  }

  /** Gives `slot` back: to the first waiter, else to the free set. */
  release(slot: number): void {
    const waiter = this.waiters.shift();
    if (waiter === undefined) {
      this.free.push(slot);
      return;
    }
    waiter.signal.removeEventListener("abort", waiter.onAbort);
    waiter.resolve(slot);
  }

  /** True when every slot is free and nobody waits. */
  get idle(): boolean {
    return this.waiters.length === 0 && this.free.length === this.size;
  }

  private takeLowest(): number {
    let at = 0;
    for (let i = 1; i < this.free.length; i += 1) if (this.free[i] < this.free[at]) at = i;
    return this.free.splice(at, 1)[0];
  }
}
