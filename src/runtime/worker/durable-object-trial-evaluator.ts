/**
 * `TrialEvaluator` over trial Durable Objects: the trials of one optimisation run on up to
 * `concurrency` objects named `${optimization_id}/${slot}`, one trial per object at a time, the
 * rest waiting for a free slot. A slot stays taken until its object has settled the call, so an
 * abandoned trial never shares an object with the next one.
 *
 * Abort: `evaluate` rejects at once with `signal.reason`; the object is asked to stop the trial,
 * and whatever its call still returns is dropped (the session's attempt fencing guarantees it is
 * never recorded anyway).
 */
import type { TrialResult } from "../../engine/optimize/types.ts";
import type { TrialEvaluator, TrialJob } from "../../runs/optimizations/trial-evaluator.ts";
import { SlotPool } from "./slot-pool.ts";
import { TRIAL_ABANDONED } from "./trial-object.ts";
import type { TrialObject } from "./trial-object.ts";

/** Attempts of one trial call when the object reports a retryable failure (reset, lost connection). */
export const TRIAL_CALL_ATTEMPTS = 3;

/** Name of slot `slot`'s trial object of optimisation `optimizationId`. */
export function trialObjectName(optimizationId: string, slot: number): string {
  return `${optimizationId}/${slot}`;
}

/** workerd marks transient Durable Object failures `retryable` (but an overloaded object should be left alone). */
function isRetryable(error: unknown): boolean {
  const flags = error as { retryable?: unknown; overloaded?: unknown } | null;
  return flags !== null && typeof flags === "object" && flags.retryable === true && flags.overloaded !== true;
}

/** The evaluator over the `TRIALS` namespace. */
export class DurableObjectTrialEvaluator implements TrialEvaluator {
  private readonly pools = new Map<string, SlotPool>();

  constructor(private readonly namespace: DurableObjectNamespace<TrialObject>) {}

  async evaluate(job: TrialJob, signal: AbortSignal): Promise<TrialResult> {
    signal.throwIfAborted();
    const pool = this.poolFor(job);
    const slot = await pool.acquire(signal);
    const release = () => {
      pool.release(slot);
      if (pool.idle && this.pools.get(job.optimizationId) === pool) this.pools.delete(job.optimizationId);
    };
    if (signal.aborted) {
      release();
      throw signal.reason;
    }
    const token = crypto.randomUUID();
    const call = this.call(job, slot, token, signal);
    void call.catch(() => undefined).finally(release);
    return new Promise<TrialResult>((resolve, reject) => {
      const onAbort = () => {
        reject(signal.reason);
        this.stub(job.optimizationId, slot)
          .abandon(token)
          .catch(() => undefined);
      };
      if (signal.aborted) return onAbort();
      signal.addEventListener("abort", onAbort, { once: true });
      call.then(
        (result) => (signal.removeEventListener("abort", onAbort), resolve(result)),
        (error) => (signal.removeEventListener("abort", onAbort), reject(signal.aborted ? signal.reason : error)),
      );
    });
  }

  private poolFor(job: TrialJob): SlotPool {
    const size = Math.max(1, job.request.concurrency);
    let pool = this.pools.get(job.optimizationId);
    if (pool === undefined) this.pools.set(job.optimizationId, (pool = new SlotPool(size)));
    else pool.grow(size);
    return pool;
  }

  /** The trial call, repeated on a fresh stub after a retryable failure. */
  private async call(job: TrialJob, slot: number, token: string, signal: AbortSignal): Promise<TrialResult> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        const result = (await this.stub(job.optimizationId, slot).evaluate(job, token)) as TrialResult | null;
        // Null: the object abandoned the trial, which only an abort asks it to do.
        if (result === null) throw signal.aborted ? signal.reason : new Error(TRIAL_ABANDONED);
        return result;
      } catch (error) {
        if (signal.aborted || attempt >= TRIAL_CALL_ATTEMPTS || !isRetryable(error)) throw error;
      }
    }
  }

  private stub(optimizationId: string, slot: number) {
    return this.namespace.get(this.namespace.idFromName(trialObjectName(optimizationId, slot)));
  }
}
