/**
 * One optimisation's execution, portable (in-process hosts and a Durable Object alike): claim →
 * `running` (or a "resumed" log after a restart) → restore the stored trials into the optimiser →
 * run trials through the evaluator, recording each finished one with its events and status in one
 * fenced write → store the result summary → `completed`. A trial that fails is a failed trial; any
 * other error fails the optimisation with a generic message. A `StaleAttemptError` means another
 * executor (or a cancel) owns the optimisation now: the session stops without writing.
 */
import { buildOptimizationResult, createOptimizer } from "../../engine/index.ts";
import type { CreateHasher, OptimizationRequest, TrialResult, TrialSpec } from "../../engine/index.ts";
import type { SessionClock } from "../run-session.ts";
import { INTERNAL_OPTIMIZATION_ERROR, RESUMED_OPTIMIZATION_MESSAGE, logDraft, trialRecordDrafts } from "./optimization-events.ts";
import type { OptimizationClaim, OptimizationStore, OptimizationTransition } from "./optimization-store.ts";
import { StaleAttemptError, readAllTrials } from "./optimization-store.ts";
import { stateEventDraft } from "./optimization-transitions.ts";
import type { OptimizationEvent, OptimizationEventDraft, OptimizationStatusPatch } from "./optimization-types.ts";
import { resultEtag, resultSummaryJson } from "./result-stream.ts";
import type { TrialEvaluator } from "./trial-evaluator.ts";

/** The clock of a session: wall time for events; an optional yield after each recorded trial. */
export type OptimizationClock = Pick<SessionClock, "wallIso" | "monotonic"> & Partial<Pick<SessionClock, "yieldControl">>;

/** Everything a session needs. */
export interface OptimizationSessionDeps {
  store: OptimizationStore;
  evaluator: TrialEvaluator;
  clock: OptimizationClock;
  /** Called with every batch of stored events (the host's event hub or socket fan-out). */
  publish?(id: string, events: readonly OptimizationEvent[]): void;
  /** SHA-256 for the result's ETag (default: the engine's own). */
  createHasher?: CreateHasher;
  /** Unexpected failures; the client only sees `INTERNAL_OPTIMIZATION_ERROR`. */
  onInternalError?(id: string, error: unknown): void;
}

type Settled = { number: number; ok: true; result: TrialResult } | { number: number; ok: false; error: unknown };
const STOPPED = Symbol("stopped");

/** The execution of one optimisation by this process (or Durable Object). */
export class OptimizationSession {
  private readonly trials = new AbortController();
  private readonly halted: Promise<typeof STOPPED>;
  private stopped = false;

  constructor(
    private readonly deps: OptimizationSessionDeps,
    readonly id: string,
  ) {
    this.halted = new Promise((resolve) => this.trials.signal.addEventListener("abort", () => resolve(STOPPED), { once: true }));
  }

  /** Runs the optimisation to a terminal state, unless stopped, already terminal or claimed by another executor. */
  async execute(): Promise<void> {
    if (this.stopped) return;
    let claim: OptimizationClaim | null = null;
    try {
      claim = await this.deps.store.claim(this.id);
      const state = claim?.record.status.state;
      if (claim === null || this.stopped || (state !== "queued" && state !== "running")) return;
      await this.run(claim);
    } catch (error) {
      if (this.stopped || error instanceof StaleAttemptError) return;
      await this.fail(claim, error);
    } finally {
      // Trials still in flight after an error are abandoned: their results are never recorded.
      this.trials.abort(new Error("optimization session ended"));
    }
  }

  /**
   * Cancels through the store (which bumps the attempt, so nothing in flight can be recorded) and
   * stops this session; the `cancelled` event is published. Null when the state does not allow it.
   */
  async cancel(): Promise<OptimizationTransition | null> {
    const done = await this.deps.store.cancel(this.id, this.deps.clock.wallIso());
    if (done !== null) {
      this.publish(done.events);
      this.stop();
    }
    return done;
  }

  /** Stops at once without writing (a cancel written by the store, or shutdown): in-flight trials are abandoned. */
  stop(): void {
    this.stopped = true;
    this.trials.abort(new Error("optimization session stopped"));
  }

  private async run({ attempt, record }: OptimizationClaim): Promise<void> {
    const { store, clock } = this.deps;
    const request = record.request;
    if (record.status.state === "queued") {
      const now = clock.wallIso();
      await this.append([stateEventDraft(now, "running")], { state: "running", started_at: now, running_trials: 0 }, attempt);
    } else {
      await this.append([logDraft(clock.wallIso(), RESUMED_OPTIMIZATION_MESSAGE)], { running_trials: 0 }, attempt);
    }
    const optimizer = createOptimizer(request);
    optimizer.restore(await readAllTrials(store, this.id));
    let best = optimizer.state().best_trial?.number ?? null;
    const inFlight = new Map<number, Promise<Settled>>();
    for (;;) {
      const started = optimizer.nextTrials(request.concurrency);
      for (const spec of started) inFlight.set(spec.number, this.evaluate(request, spec));
      if (started.length > 0) await this.append([], { running_trials: inFlight.size }, attempt);
      if (inFlight.size === 0) break;
      const settled = await Promise.race([...inFlight.values(), this.halted]);
      if (settled === STOPPED) return;
      inFlight.delete(settled.number);
      if (!settled.ok) throw settled.error;
      optimizer.recordTrial(settled.result);
      const state = optimizer.state();
      const { drafts, patch } = trialRecordDrafts(clock.wallIso(), settled.result, state, inFlight.size, best);
      best = state.best_trial?.number ?? null;
      this.publish(await store.recordTrial(this.id, attempt, settled.result, drafts, patch));
      await clock.yieldControl?.();
    }
    const result = buildOptimizationResult(request, optimizer.trials());
    const summaryJson = resultSummaryJson(result);
    const etag = await resultEtag(store, this.id, summaryJson, this.deps.createHasher);
    await store.putResultSummary(this.id, attempt, { summaryJson, etag, trial_count: result.trials.length });
    const done = await store.complete(this.id, attempt, clock.wallIso());
    if (done) this.publish(done.events);
  }

  private evaluate(request: OptimizationRequest, spec: TrialSpec): Promise<Settled> {
    const job = { optimizationId: this.id, request, spec };
    return this.deps.evaluator.evaluate(job, this.trials.signal).then(
      (result): Settled => ({ number: spec.number, ok: true, result }),
      (error: unknown): Settled => ({ number: spec.number, ok: false, error }),
    );
  }

  private async append(drafts: OptimizationEventDraft[], patch: OptimizationStatusPatch, attempt: number): Promise<void> {
    this.publish(await this.deps.store.appendEvents(this.id, drafts, patch, attempt));
  }

  private publish(events: readonly OptimizationEvent[]): void {
    if (events.length > 0) this.deps.publish?.(this.id, events);
  }

  private async fail(claim: OptimizationClaim | null, error: unknown): Promise<void> {
    this.deps.onInternalError?.(this.id, error);
    if (claim === null) return;
    try {
      const failed = await this.deps.store.fail(this.id, claim.attempt, this.deps.clock.wallIso(), INTERNAL_OPTIMIZATION_ERROR);
      if (failed) this.publish(failed.events);
    } catch (writeError) {
      this.deps.onInternalError?.(this.id, writeError);
    }
  }
}
