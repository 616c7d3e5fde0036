/**
 * A Durable Object that evaluates optimisation trials, one per RPC call and one at a time. The
 * trials of one optimisation are spread over up to `concurrency` of these (named
 * `${optimization_id}/${slot}`, see `trial-evaluator.ts`), so they run in parallel isolates
 * rather than taking turns in the optimisation's own object. It stores nothing: a trial's result
 * is recorded by the optimisation's object, which discards results of abandoned calls.
 */
import { DurableObject } from "cloudflare:workers";
import { runTrial } from "../../engine/optimize/run-trial.ts";
import type { TrialResult } from "../../engine/optimize/types.ts";
import { DataSources } from "../../runs/data-sources.ts";
import type { TrialJob } from "../../runs/optimizations/trial-evaluator.ts";
import { rpcDatasetStore } from "./rpc-dataset-store.ts";
import { createWorkerClock } from "./worker-clock.ts";
import type { WorkerEnv } from "./worker-env.ts";

/** Reason of the abort of a trial whose caller gave up on it. */
export const TRIAL_ABANDONED = "Trial abandoned by its optimization";

/** The trial object. */
export class TrialObject extends DurableObject<WorkerEnv> {
  private readonly sources: DataSources;
  /** Tail of the queue of trials: each starts after the one before it settled. */
  private tail: Promise<unknown> = Promise.resolve();
  /** Trials queued or running here, by their caller's token, so `abandon` can stop them. */
  private readonly controllers = new Map<string, AbortController>();
  /** Trials this instance finished (diagnostics). */
  private evaluatedCount = 0;

  constructor(ctx: DurableObjectState, env: WorkerEnv) {
    super(ctx, env);
    this.sources = new DataSources(rpcDatasetStore(env.DATASETS), null);
  }

  /**
   * Runs `job` once every earlier call here has settled; a bad trial is a `failed` result, an
   * abandoned one null (resolved rather than thrown: workerd reports every rejected RPC as an
   * uncaught exception, and an abandoned trial is no error). `token` names this call for
   * `abandon`: unique per call, so an abandon from an earlier attempt never stops a later one.
   */
  async evaluate(job: TrialJob, token: string): Promise<TrialResult | null> {
    const controller = new AbortController();
    this.controllers.set(token, controller);
    const turn = this.tail.then(() => this.run(job, controller.signal));
    this.tail = turn.catch(() => undefined);
    try {
      return await turn;
    } catch (error) {
      if (controller.signal.aborted) return null;
      throw error;
    } finally {
      this.controllers.delete(token);
    }
  }

  /** Stops the call named `token` if it is queued or running here (it resolves with null). */
  abandon(token: string): boolean {
    const controller = this.controllers.get(token);
    controller?.abort(new Error(TRIAL_ABANDONED));
    return controller !== undefined;
  }

  /** Trials queued or running here and trials finished by this instance. */
  stats(): { active: number; evaluated: number } {
    return { active: this.controllers.size, evaluated: this.evaluatedCount };
  }

  private async run(job: TrialJob, signal: AbortSignal): Promise<TrialResult> {
    signal.throwIfAborted();
    const clock = createWorkerClock();
    const result = await runTrial(job.spec, {
      request: job.request,
      provider: this.sources.providerFor(job.request.base_backtest),
      now: clock.monotonic,
      yieldControl: clock.yieldControl,
      signal,
    });
    this.evaluatedCount += 1;
    return result;
  }
}
