/**
 * The Durable Object that owns one run (named by run id): a thin shell around the portable
 * `RunSession`. It keeps the run's record, event log and result in its own SQLite storage (the
 * SQL run store), runs the engine from an alarm so that `POST` returns at once, serves the run's
 * streams (hibernatable WebSockets, see `socket-fanout.ts`; SSE through a portable `Subscriber`)
 * and reports status transitions to the run index.
 *
 * Faults: each alarm attempt first re-arms a watchdog alarm, so an attempt that dies (eviction,
 * deploy, exception) is picked up again even after the platform's own retries; the new attempt
 * resumes from what was stored (the engine is deterministic) and continues the event ids. An
 * attempt starts the engine from the beginning, so a run that needs more CPU than one invocation
 * may use is cut off at the same point every time: after `MAX_RUN_ATTEMPTS` attempts the run is
 * failed with a message that says so, instead of being retried forever.
 */
import { DurableObject } from "cloudflare:workers";
import { parseConfig } from "../../config.ts";
import { DataSources } from "../../runs/data-sources.ts";
import { EventHub } from "../../runs/event-hub.ts";
import { ResultReader } from "../../runs/result-reader.ts";
import type { SessionClock, SessionDeps } from "../../runs/run-session.ts";
import { RunSession } from "../../runs/run-session.ts";
import type { ResultSection, RunStore } from "../../runs/run-store.ts";
import type { RunEvent, RunEventDraft, RunRecord, RunStatus } from "../../runs/run-types.ts";
import { isTerminal } from "../../runs/run-types.ts";
import type { CancelOutcome, ResultLookup, SectionLookup } from "../../runs/runs-api.ts";
import { RUN_NOT_FOUND_REASON } from "../../runs/stream-protocol.ts";
import { createSqlRunStore } from "../../runs/sql/sql-run-store.ts";
import { durableObjectSqlDriver } from "./durable-object-sql-driver.ts";
import { indexOutcomeRecorder, isIndexPending } from "./index-pending.ts";
import { IndexReporter } from "./index-reporter.ts";
import { observedRunStore } from "./observed-run-store.ts";
import { RUN_INDEX_NAME } from "./run-index-object.ts";
import { rpcDatasetStore } from "./rpc-dataset-store.ts";
import { ObjectStreams } from "./object-streams.ts";
import { RUN_FINISHED_REASON } from "./socket-fanout.ts";
import { createWorkerClock } from "./worker-clock.ts";
import type { WorkerEnv } from "./worker-env.ts";

/** Delay of the watchdog alarm that picks up an attempt that died. */
export const WATCHDOG_MS = 30_000;
/** Minimum time between two progress reports to the index. */
export const PROGRESS_REPORT_MS = 2_000;
/** Storage key counting the attempts that started executing the run. */
const ATTEMPTS_KEY = "attempts";
/**
 * Attempts a run gets. Evictions and deploys cut off an attempt now and then; a run cut off this
 * many times in a row is one that cannot finish within the CPU limit.
 */
export const MAX_RUN_ATTEMPTS = 5;

/** The error of a run that used up its attempts. */
export function attemptsExhaustedMessage(attempts: number): string {
  return (
    `The run was started ${attempts} times and every attempt was cut off before it finished, ` +
    "most likely by the Workers CPU limit: raise [limits] cpu_ms in wrangler.toml, or use fewer symbols or a shorter range"
  );
}

/** The run's storage and in-memory fan-out, opened once per object instance. */
interface RunParts {
  store: RunStore;
  hub: EventHub;
  results: ResultReader;
}

/** One run's Durable Object. */
export class RunObject extends DurableObject<WorkerEnv> {
  private parts: RunParts | null = null;
  private runId: string | null = null;
  private session: RunSession | null = null;
  private readonly streams: ObjectStreams;
  private readonly reporter: IndexReporter;
  private readonly sources: DataSources;

  constructor(ctx: DurableObjectState, env: WorkerEnv) {
    super(ctx, env);
    // Application-level "ping" text frames are answered without waking the object; protocol
    // pings are answered by the runtime itself.
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair("ping", "pong"));
    this.sources = new DataSources(rpcDatasetStore(env.DATASETS), null);
    this.streams = new ObjectStreams({
      ctx,
      maxSubscribers: maxSubscribersOf(env),
      notFoundReason: RUN_NOT_FOUND_REASON,
      finishedReason: RUN_FINISHED_REASON,
      target: () => (this.held() ? { id: this.runId!, hub: this.parts!.hub } : null),
      isFinished: (cursor) => this.isFinished(cursor),
    });
    this.reporter = new IndexReporter({
      send: async (status) => {
        const index = env.RUN_INDEX.get(env.RUN_INDEX.idFromName(RUN_INDEX_NAME));
        await index.report(status);
      },
      read: () => this.getStatus(),
      now: () => Date.now(),
      progressIntervalMs: PROGRESS_REPORT_MS,
      onOutcome: indexOutcomeRecorder(ctx.storage),
    });
  }

  /** Stores a new run with its first event and schedules it; idempotent for the same run id. */
  async create(record: RunRecord, first: RunEventDraft): Promise<RunStatus> {
    if (this.held()) {
      if (this.runId !== record.status.run_id) throw new Error(`This object holds run ${this.runId}, not ${record.status.run_id}`);
      const status = (await this.getStatus())!;
      if (!isTerminal(status.state) && (await this.ctx.storage.getAlarm()) === null) await this.scheduleStart();
      return status;
    }
    const parts = this.open();
    const event = await parts.store.createRun(record, first);
    this.adopt(record.status.run_id);
    parts.hub.publish(record.status.run_id, [event]);
    await this.scheduleStart();
    await this.reporter.transition();
    return record.status;
  }

  /** The run's status, or null when this object holds no run. */
  async getStatus(): Promise<RunStatus | null> {
    return this.held() ? this.parts!.store.getStatus(this.runId!) : null;
  }

  /** The bounded result, or why there is none. */
  async result(): Promise<ResultLookup> {
    return this.held() ? this.parts!.results.summary(this.runId!) : { kind: "not_found" };
  }

  /** Items `[offset, offset + limit)` of one result section. */
  async resultSection(section: ResultSection, offset: number, limit: number): Promise<SectionLookup> {
    return this.held() ? this.parts!.results.section(this.runId!, section, offset, limit) : { kind: "not_found" };
  }

  /** Stored events after `afterId` (at most `limit`), or null when this object holds no run. */
  async events(afterId: number, limit: number): Promise<RunEvent[] | null> {
    return this.held() ? this.parts!.store.readEvents(this.runId!, afterId, limit) : null;
  }

  /** Cancels the run: aborts the executing session, or writes `cancelled` and drops the alarm of a queued one. */
  async cancel(): Promise<CancelOutcome> {
    const status = await this.getStatus();
    if (status === null) return { kind: "not_found" };
    if (isTerminal(status.state)) return { kind: "conflict", status };
    const runId = this.runId!;
    const executing = this.session;
    if (executing === null) await this.ctx.storage.deleteAlarm();
    const cancelled = await (executing ?? new RunSession(this.sessionDeps(), runId)).cancel();
    await this.reporter.settled();
    const after = (await this.getStatus()) ?? status;
    return cancelled ? { kind: "cancelled", status: after } : { kind: "conflict", status: after };
  }

  /** Runs (or resumes) the engine; see the module comment for faults. */
  override async alarm(): Promise<void> {
    if (await isIndexPending(this.ctx.storage)) await this.reporter.transition();
    const status = await this.getStatus();
    if (status === null || isTerminal(status.state)) return;
    if (this.session !== null) {
      // An alarm while this instance still executes the run: keep only the watchdog.
      await this.ctx.storage.setAlarm(Date.now() + WATCHDOG_MS);
      return;
    }
    const runId = this.runId!;
    const session = new RunSession(this.sessionDeps(), runId);
    const attempts = (await this.ctx.storage.get<number>(ATTEMPTS_KEY)) ?? 0;
    if (attempts >= MAX_RUN_ATTEMPTS) {
      await session.giveUp(attemptsExhaustedMessage(attempts));
    } else {
      this.session = session;
      try {
        await this.ctx.storage.put(ATTEMPTS_KEY, attempts + 1);
        await this.ctx.storage.setAlarm(Date.now() + WATCHDOG_MS);
        await session.execute();
      } finally {
        if (this.session === session) this.session = null;
      }
    }
    await this.reporter.settled();
    const after = await this.getStatus();
    if (after !== null && isTerminal(after.state) && !(await isIndexPending(this.ctx.storage))) {
      await this.ctx.storage.deleteAlarm();
    }
  }

  /** Streams: a hibernatable WebSocket on upgrade, else Server-Sent Events; from the trusted resume point. */
  override async fetch(request: Request): Promise<Response> {
    return this.streams.fetch(request);
  }

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    this.streams.message(ws, message);
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    this.streams.close(ws, code, reason);
  }

  /** Sets the alarm that starts a queued run: now. (Tests replace it to hold a run in `queued`.) */
  protected scheduleStart(): Promise<void> {
    return this.ctx.storage.setAlarm(Date.now());
  }

  /** The clock of one run attempt. (Tests replace it to pause a run at a known point.) */
  protected sessionClock(): SessionClock {
    return createWorkerClock();
  }

  /** True when this object holds a run (opening its store); never creates storage for an unknown id. */
  private held(): boolean {
    if (this.runId !== null) return true;
    const sql = this.ctx.storage.sql;
    if (sql.exec("SELECT 1 AS found FROM sqlite_master WHERE type = 'table' AND name = 'runs'").toArray().length === 0) return false;
    this.open();
    const row = sql.exec<{ run_id: string }>("SELECT run_id FROM runs LIMIT 1").toArray()[0];
    if (row === undefined) return false;
    this.adopt(row.run_id);
    return true;
  }

  private open(): RunParts {
    if (this.parts !== null) return this.parts;
    const base = createSqlRunStore(durableObjectSqlDriver(this.ctx.storage));
    const store = observedRunStore(base, (_runId, patch) => {
      if (patch.state !== undefined) void this.reporter.transition();
      else this.reporter.progress();
    });
    this.parts = { store, hub: new EventHub(store), results: new ResultReader(store) };
    return this.parts;
  }

  /** Remembers the run id and lets the fan-out hear every appended event. */
  private adopt(runId: string): void {
    this.runId = runId;
    this.parts!.hub.listen(runId, { notify: () => this.streams.fanout.pump() });
  }

  private async isFinished(cursor: number): Promise<boolean> {
    const status = await this.getStatus();
    return status !== null && isTerminal(status.state) && cursor >= (await this.parts!.store.lastEventId(this.runId!));
  }

  private sessionDeps(): SessionDeps {
    const { store, hub } = this.parts!;
    return {
      store,
      hub,
      clock: this.sessionClock(),
      providerFor: (record) => this.sources.providerFor(record.request),
      onInternalError: (id, error) =>
        console.error(JSON.stringify({ level: "error", event: "run_error", run_id: id, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) })),
    };
  }
}

/** `GLOWBACK_MAX_SUBSCRIBERS_PER_RUN` from the object's env (the Worker already rejected an invalid one). */
export function maxSubscribersOf(env: WorkerEnv): number {
  const vars: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) if (typeof value === "string") vars[name] = value;
  try {
    return parseConfig(vars).maxSubscribersPerRun;
  } catch {
    return parseConfig({}).maxSubscribersPerRun;
  }
}
