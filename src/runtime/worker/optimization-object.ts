/**
 * The Durable Object that owns one optimisation (named by its id): a thin shell around the
 * portable `OptimizationSession`. It keeps the optimisation's record, event log, trials and result
 * summary in its own SQLite storage (the SQL optimisation store), executes the session from an
 * alarm so that `POST` returns at once, spreads the trials over trial objects (see
 * `durable-object-trial-evaluator.ts`), serves the streams (`object-streams.ts`) and reports
 * transitions to the optimisation index.
 *
 * Faults: each alarm attempt first re-arms a watchdog alarm, so an attempt that dies (eviction,
 * deploy, exception) is picked up again; the new attempt claims the optimisation (fencing off
 * anything the old one still had in flight), restores the stored trials and runs only the rest.
 */
import { DurableObject } from "cloudflare:workers";
import { EventHub } from "../../runs/event-hub.ts";
import type { OptimizationClock } from "../../runs/optimizations/optimization-session.ts";
import { OptimizationSession } from "../../runs/optimizations/optimization-session.ts";
import type { OptimizationStore, OptimizationTransition } from "../../runs/optimizations/optimization-store.ts";
import type { OptimizationEvent, OptimizationEventDraft, OptimizationRecord, OptimizationStatus } from "../../runs/optimizations/optimization-types.ts";
import type { OptimizationTransitionOutcome } from "../../runs/optimizations/optimizations-api.ts";
import { resultBodyStream } from "../../runs/optimizations/result-stream.ts";
import { isTerminal } from "../../runs/run-types.ts";
import { createSqlOptimizationStore } from "../../runs/sql/sql-optimization-store.ts";
import { OPTIMIZATION_FINISHED_REASON, OPTIMIZATION_NOT_FOUND_REASON } from "../../routes/streams/stream-sources.ts";
import { durableObjectSqlDriver } from "./durable-object-sql-driver.ts";
import { DurableObjectTrialEvaluator } from "./durable-object-trial-evaluator.ts";
import { IndexReporter } from "./index-reporter.ts";
import { ObjectStreams } from "./object-streams.ts";
import type { OptimizationIndexEntry } from "./optimization-index-object.ts";
import { OPTIMIZATION_INDEX_NAME } from "./optimization-index-object.ts";
import { maxSubscribersOf, PROGRESS_REPORT_MS, WATCHDOG_MS } from "./run-object.ts";
import { indexOutcomeRecorder, isIndexPending } from "./index-pending.ts";
import { createWorkerClock } from "./worker-clock.ts";
import type { WorkerEnv } from "./worker-env.ts";

/** Path of the result body on the object's `fetch`. */
export const RESULTS_PATH = "/results";

/** What `resultInfo` tells: the result lookup without its body. */
export type ResultInfo = { kind: "not_found" } | { kind: "not_ready"; status: OptimizationStatus } | { kind: "ready"; etag: string };

/** The session executing here, if any; `stopped` once a cancel stopped it (it is unwinding). */
interface Execution {
  session: OptimizationSession;
  stopped: boolean;
  done: Promise<void>;
}

/** One optimisation's Durable Object. */
export class OptimizationObject extends DurableObject<WorkerEnv> {
  private parts: { store: OptimizationStore; hub: EventHub } | null = null;
  private optimizationId: string | null = null;
  private execution: Execution | null = null;
  private readonly streams: ObjectStreams;
  private readonly reporter: IndexReporter<OptimizationIndexEntry>;
  private readonly evaluator: DurableObjectTrialEvaluator;

  constructor(ctx: DurableObjectState, env: WorkerEnv) {
    super(ctx, env);
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair("ping", "pong"));
    this.evaluator = new DurableObjectTrialEvaluator(env.TRIALS);
    this.streams = new ObjectStreams({
      ctx,
      maxSubscribers: maxSubscribersOf(env),
      notFoundReason: OPTIMIZATION_NOT_FOUND_REASON,
      finishedReason: OPTIMIZATION_FINISHED_REASON,
      target: () => (this.held() ? { id: this.optimizationId!, hub: this.parts!.hub } : null),
      isFinished: (cursor) => this.isFinished(cursor),
    });
    this.reporter = new IndexReporter<OptimizationIndexEntry>({
      send: async (entry) => {
        await env.OPTIMIZATION_INDEX.get(env.OPTIMIZATION_INDEX.idFromName(OPTIMIZATION_INDEX_NAME)).report(entry);
      },
      read: async () => {
        const status = await this.getStatus();
        return status === null ? null : { status, version: await this.parts!.store.lastEventId(status.optimization_id) };
      },
      now: () => Date.now(),
      progressIntervalMs: PROGRESS_REPORT_MS,
      onOutcome: indexOutcomeRecorder(ctx.storage),
    });
  }

  /** Stores a new optimisation with its first event and schedules it; idempotent for the same id. */
  async create(record: OptimizationRecord, first: OptimizationEventDraft): Promise<OptimizationStatus> {
    const id = record.status.optimization_id;
    if (this.held()) {
      if (this.optimizationId !== id) throw new Error(`This object holds optimization ${this.optimizationId}, not ${id}`);
      const status = (await this.getStatus())!;
      if (!isTerminal(status.state) && (await this.ctx.storage.getAlarm()) === null) await this.scheduleStart();
      return status;
    }
    const parts = this.open();
    const event = await parts.store.create(record, first);
    this.adopt(id);
    this.publish(id, [event]);
    await this.scheduleStart();
    await this.reporter.settled();
    return record.status;
  }

  /** The status, or null when this object holds no optimisation. */
  async getStatus(): Promise<OptimizationStatus | null> {
    return this.held() ? this.parts!.store.getStatus(this.optimizationId!) : null;
  }

  /** Stored events after `afterId` (at most `limit`), or null when this object holds no optimisation. */
  async events(afterId: number, limit: number): Promise<OptimizationEvent[] | null> {
    return this.held() ? this.parts!.store.readEvents(this.optimizationId!, afterId, limit) : null;
  }

  /** Whether the result can be served and its ETag; the body itself is served by `fetch` (`/results`). */
  async resultInfo(): Promise<ResultInfo> {
    const status = await this.getStatus();
    if (status === null) return { kind: "not_found" };
    const summary = status.state === "completed" ? await this.parts!.store.getResultSummary(status.optimization_id) : null;
    return summary === null ? { kind: "not_ready", status } : { kind: "ready", etag: summary.etag };
  }

  /** queued | running → cancelled, written at once; the executing session is stopped and its trials abandoned. */
  async cancel(): Promise<OptimizationTransitionOutcome> {
    if (!this.held()) return { kind: "not_found" };
    const id = this.optimizationId!;
    const outcome = await this.transition(await this.parts!.store.cancel(id, new Date().toISOString()));
    if (outcome.kind !== "done") return outcome;
    // The cancel bumped the attempt, so the session can no longer write; stop its trials now.
    if (this.execution !== null) {
      this.execution.stopped = true;
      this.execution.session.stop();
    } else if (!(await isIndexPending(this.ctx.storage))) {
      await this.ctx.storage.deleteAlarm();
    }
    return outcome;
  }

  /** cancelled | failed → queued with the stored trials kept, and scheduled. */
  async resume(): Promise<OptimizationTransitionOutcome> {
    if (!this.held()) return { kind: "not_found" };
    const outcome = await this.transition(await this.parts!.store.resume(this.optimizationId!, new Date().toISOString()));
    if (outcome.kind === "done") await this.scheduleStart();
    return outcome;
  }

  /** Executes (or picks up again) the optimisation; see the module comment for faults. */
  override async alarm(): Promise<void> {
    if (await isIndexPending(this.ctx.storage)) await this.reporter.transition();
    const status = await this.getStatus();
    if (status === null || isTerminal(status.state)) return;
    if (this.execution !== null) {
      if (!this.execution.stopped) {
        // An alarm while this instance still executes: keep only the watchdog.
        await this.ctx.storage.setAlarm(Date.now() + WATCHDOG_MS);
        return;
      }
      // A cancelled session unwinds at once (its trials are abandoned, not awaited).
      await this.execution.done;
    }
    await this.execute();
    await this.reporter.settled();
    const after = await this.getStatus();
    if (after !== null && isTerminal(after.state) && !(await isIndexPending(this.ctx.storage))) await this.ctx.storage.deleteAlarm();
  }

  /** `/results`: the result body, read page by page from storage as the caller reads; anything else: a stream. */
  override async fetch(request: Request): Promise<Response> {
    if (new URL(request.url).pathname !== RESULTS_PATH) return this.streams.fetch(request);
    const status = await this.getStatus();
    const summary = status?.state === "completed" ? await this.parts!.store.getResultSummary(status.optimization_id) : null;
    if (summary === null) return new Response(null, { status: 404 });
    const body = resultBodyStream(this.parts!.store, status!.optimization_id, summary.summaryJson);
    return new Response(body, { headers: { "Content-Type": "application/json; charset=utf-8", ETag: `"${summary.etag}"` } });
  }

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    this.streams.message(ws, message);
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    this.streams.close(ws, code, reason);
  }

  /** Sets the alarm that starts a queued optimisation: now. (Tests replace it to hold one in `queued`.) */
  protected scheduleStart(): Promise<void> {
    return this.ctx.storage.setAlarm(Date.now());
  }

  /** The clock of one session. */
  protected sessionClock(): OptimizationClock {
    return createWorkerClock();
  }

  private async execute(): Promise<void> {
    const id = this.optimizationId!;
    const session = new OptimizationSession(
      {
        store: this.parts!.store,
        evaluator: this.evaluator,
        clock: this.sessionClock(),
        publish: (oid, events) => this.publish(oid, events),
        onInternalError: (oid, error) =>
          console.error(JSON.stringify({ level: "error", event: "optimization_error", optimization_id: oid, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) })),
      },
      id,
    );
    const execution: Execution = { session, stopped: false, done: Promise.resolve() };
    this.execution = execution;
    execution.done = (async () => {
      try {
        await this.ctx.storage.setAlarm(Date.now() + WATCHDOG_MS);
        await session.execute();
      } finally {
        if (this.execution === execution) this.execution = null;
      }
    })();
    await execution.done;
  }

  private async transition(done: OptimizationTransition | null): Promise<OptimizationTransitionOutcome> {
    if (done !== null) {
      this.publish(this.optimizationId!, done.events);
      await this.reporter.settled();
      return { kind: "done", status: done.status };
    }
    const status = await this.getStatus();
    return status === null ? { kind: "not_found" } : { kind: "conflict", status };
  }

  /** Hands stored events to the stream subscribers and reports what changed to the index. */
  private publish(id: string, events: readonly OptimizationEvent[]): void {
    if (events.length === 0) return;
    this.parts!.hub.publish(id, events);
    if (events.some((e) => e.type === "state")) void this.reporter.transition();
    else this.reporter.progress();
  }

  /** True when this object holds an optimisation (opening its store); never creates storage for an unknown id. */
  private held(): boolean {
    if (this.optimizationId !== null) return true;
    const sql = this.ctx.storage.sql;
    if (sql.exec("SELECT 1 AS found FROM sqlite_master WHERE type = 'table' AND name = 'optimizations'").toArray().length === 0) return false;
    this.open();
    const row = sql.exec<{ optimization_id: string }>("SELECT optimization_id FROM optimizations LIMIT 1").toArray()[0];
    if (row === undefined) return false;
    this.adopt(row.optimization_id);
    return true;
  }

  private open(): { store: OptimizationStore; hub: EventHub } {
    if (this.parts !== null) return this.parts;
    const store = createSqlOptimizationStore(durableObjectSqlDriver(this.ctx.storage));
    this.parts = { store, hub: new EventHub(store) };
    return this.parts;
  }

  /** Remembers the id and lets the socket fan-out hear every published event. */
  private adopt(id: string): void {
    this.optimizationId = id;
    this.parts!.hub.listen(id, { notify: () => this.streams.fanout.pump() });
  }

  private async isFinished(cursor: number): Promise<boolean> {
    const status = await this.getStatus();
    return status !== null && isTerminal(status.state) && cursor >= (await this.parts!.store.lastEventId(this.optimizationId!));
  }
}
