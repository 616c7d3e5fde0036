/**
 * `OptimizationService`: the optimisation domain of in-process hosts (Node, Deno, embedding) over an
 * `OptimizationStore` and a `TrialEvaluator`. It implements the routes' `OptimizationsApi`, runs at
 * most `maxConcurrentOptimizations` sessions at once (at most one per optimisation), publishes
 * every stored event to its hub and opens stream subscriptions.
 */
import type { CreateHasher, OptimizationRequest } from "../../engine/index.ts";
import { EventHub, LOCAL_HUB_LINGER_MS } from "../event-hub.ts";
import { RunExecutor } from "../run-executor.ts";
import type { SessionClock } from "../run-session.ts";
import { isTerminal } from "../run-types.ts";
import type { CallerFacts } from "../runs-api.ts";
import type { BackpressureOptions, SubscriberSink } from "../subscriber.ts";
import { Subscriber } from "../subscriber.ts";
import { createTurnYield } from "../turn-yield.ts";
import { trialBudget } from "./optimization-request.ts";
import { OptimizationSession } from "./optimization-session.ts";
import type { OptimizationStore, OptimizationTransition } from "./optimization-store.ts";
import type { OptimizationEvent, OptimizationListPage, OptimizationListQuery, OptimizationStatus } from "./optimization-types.ts";
import type { OptimizationResultLookup, OptimizationsApi, OptimizationTransitionOutcome } from "./optimizations-api.ts";
import { resultBodyStream } from "./result-stream.ts";
import type { TrialEvaluator } from "./trial-evaluator.ts";

/** Options of an `OptimizationService`. */
export interface OptimizationServiceOptions {
  store: OptimizationStore;
  /** Runs the trials; owned by the caller (the service never closes it). */
  evaluator: TrialEvaluator;
  /** Optimisations executing at once (`GLOWBACK_MAX_CONCURRENT_OPTIMIZATIONS`); default 2. */
  maxConcurrentOptimizations?: number;
  clock?: Partial<SessionClock>;
  /** The host's SHA-256 for result ETags; default: the engine's own. */
  createHasher?: CreateHasher;
  /** Unexpected failures of optimisations (logged by the host). */
  onInternalError?(id: string, error: unknown): void;
}

/** The in-process optimisation domain. */
export class OptimizationService implements OptimizationsApi {
  readonly store: OptimizationStore;
  readonly hub: EventHub;
  private readonly executor: RunExecutor;
  private readonly sessions = new Map<string, OptimizationSession>();
  /** Scheduled again (a resume) while their previous session was still unwinding. */
  private readonly rescheduled = new Set<string>();
  private readonly clock: SessionClock;
  private closed = false;

  constructor(private readonly options: OptimizationServiceOptions) {
    this.store = options.store;
    this.hub = new EventHub(options.store, { lingerMs: LOCAL_HUB_LINGER_MS });
    this.executor = new RunExecutor(options.maxConcurrentOptimizations ?? 2);
    this.clock = { wallIso: () => new Date().toISOString(), monotonic: () => performance.now(), yieldControl: createTurnYield(), ...options.clock };
  }

  async createOptimization(request: OptimizationRequest, caller: CallerFacts): Promise<OptimizationStatus> {
    const now = this.clock.wallIso();
    const status: OptimizationStatus = {
      optimization_id: crypto.randomUUID(), name: request.name, state: "queued", progress: 0, created_at: now, started_at: null,
      finished_at: null, error: null, search_method: request.strategy, objective_metric: request.objective_metric,
      direction: request.direction, total_trials: trialBudget(request), completed_trials: 0, failed_trials: 0, running_trials: 0,
      best_trial: null,
    };
    const first = await this.store.create({ status, request, key_id: caller.keyId }, { type: "state", timestamp: now, payload: { state: "queued" } });
    this.hub.publish(status.optimization_id, [first]);
    this.schedule(status.optimization_id);
    return status;
  }

  getOptimization(id: string): Promise<OptimizationStatus | null> {
    return this.store.getStatus(id);
  }

  listOptimizations(query: OptimizationListQuery): Promise<OptimizationListPage> {
    return this.store.list(query);
  }

  async cancelOptimization(id: string, _caller?: CallerFacts): Promise<OptimizationTransitionOutcome> {
    const outcome = await this.transition(id, await this.store.cancel(id, this.clock.wallIso()));
    if (outcome.kind === "done") {
      // The cancel bumped the attempt, so the session can no longer write; stop its trials now.
      if (this.executor.remove(id)) this.sessions.delete(id);
      this.sessions.get(id)?.stop();
    }
    return outcome;
  }

  async resumeOptimization(id: string, _caller?: CallerFacts): Promise<OptimizationTransitionOutcome> {
    const outcome = await this.transition(id, await this.store.resume(id, this.clock.wallIso()));
    if (outcome.kind === "done") this.schedule(id);
    return outcome;
  }

  async optimizationResult(id: string): Promise<OptimizationResultLookup> {
    const status = await this.store.getStatus(id);
    if (status === null) return { kind: "not_found" };
    const summary = status.state === "completed" ? await this.store.getResultSummary(id) : null;
    if (summary === null) return { kind: "not_ready", status };
    return { kind: "ready", body: resultBodyStream(this.store, id, summary.summaryJson), etag: summary.etag };
  }

  async optimizationEvents(id: string, afterId: number, limit: number): Promise<OptimizationEvent[] | null> {
    if ((await this.store.getStatus(id)) === null) return null;
    return this.store.readEvents(id, afterId, limit);
  }

  /**
   * Opens a subscription to `id` after event `afterId`; null when unknown. Backlog, then live
   * events; it ends after a terminal `state` event that is the last of the log.
   */
  async subscribe(id: string, afterId: number, sink: SubscriberSink, backpressure: BackpressureOptions): Promise<Subscriber | null> {
    if ((await this.store.getStatus(id)) === null) return null;
    const finished = async (cursor: number) => {
      const status = await this.store.getStatus(id);
      return status !== null && isTerminal(status.state) && cursor >= (await this.store.lastEventId(id));
    };
    const subscriber = new Subscriber(this.hub, id, afterId, sink, backpressure, finished);
    subscriber.start();
    return subscriber;
  }

  /** Executes again every optimisation a previous process left `queued` or `running`; returns their ids. */
  async resumeActive(): Promise<string[]> {
    const ids = await this.store.listActive();
    for (const id of ids) this.schedule(id);
    return ids;
  }

  /** Resolves when no optimisation is queued or executing here. */
  idle(): Promise<void> {
    return this.executor.idle();
  }

  /** Stops every session without writing (shutdown): they stay active and resume on the next start. */
  async close(): Promise<void> {
    this.closed = true;
    this.rescheduled.clear();
    for (const session of this.sessions.values()) {
      this.executor.remove(session.id);
      session.stop();
    }
    this.sessions.clear();
    await this.executor.idle();
  }

  private async transition(id: string, done: OptimizationTransition | null): Promise<OptimizationTransitionOutcome> {
    if (done !== null) {
      this.hub.publish(id, done.events);
      return { kind: "done", status: done.status };
    }
    const status = await this.store.getStatus(id);
    return status === null ? { kind: "not_found" } : { kind: "conflict", status };
  }

  private schedule(id: string): void {
    if (this.closed) return;
    if (this.sessions.has(id)) {
      this.rescheduled.add(id);
      return;
    }
    const session = new OptimizationSession({
      store: this.store, evaluator: this.options.evaluator, clock: this.clock, publish: (oid, events) => this.hub.publish(oid, events),
      createHasher: this.options.createHasher, onInternalError: this.options.onInternalError,
    }, id);
    this.sessions.set(id, session);
    this.executor.enqueue({
      runId: id,
      execute: () => session.execute().finally(() => {
        if (this.sessions.get(id) !== session) return;
        this.sessions.delete(id);
        if (this.rescheduled.delete(id)) this.schedule(id);
      }),
    });
  }
}
