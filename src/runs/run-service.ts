/**
 * `RunService`: the run domain of in-process hosts (Node, Deno, embedding) over a `RunStore`, a
 * `DatasetStore` and the data sources. It implements the routes' `RunsApi`, `DatasetsApi` and
 * `RequestDataCheck`, owns the executor and the event hub, and opens stream subscriptions.
 */
import type { BacktestRequest, CreateHasher, MarketDataProvider } from "../engine/index.ts";
import type { CsvFileSource } from "./data-sources.ts";
import { DataSources } from "./data-sources.ts";
import type { DatasetInfo, DatasetStore } from "./dataset-store.ts";
import { parseDatasetUpload } from "./dataset-upload.ts";
import { EventHub, LOCAL_HUB_LINGER_MS } from "./event-hub.ts";
import type { BatchOptions } from "./event-writer.ts";
import { ResultReader } from "./result-reader.ts";
import { RunExecutor } from "./run-executor.ts";
import type { SessionClock } from "./run-session.ts";
import { RunSession } from "./run-session.ts";
import type { ResultSection, RunStore } from "./run-store.ts";
import type { RunEvent, RunListPage, RunListQuery, RunStatus } from "./run-types.ts";
import { isTerminal } from "./run-types.ts";
import type { CallerFacts, CancelOutcome, DatasetsApi, RequestDataCheck, ResultLookup, RunsApi, SectionLookup } from "./runs-api.ts";
import type { BackpressureOptions, SubscriberSink } from "./subscriber.ts";
import { Subscriber } from "./subscriber.ts";
import { createTurnYield } from "./turn-yield.ts";

/** Options of `createRunService`. */
export interface RunServiceOptions {
  store: RunStore;
  datasets: DatasetStore;
  /** CSV files of the data directory (local hosts); none disables `data_source: "csv"`. */
  csvFiles?: CsvFileSource | null;
  /** Runs executing at once (`GLOWBACK_MAX_CONCURRENT_RUNS`); default 2. */
  maxConcurrentRuns?: number;
  clock?: Partial<SessionClock>;
  batch?: BatchOptions;
  /** Overrides the data provider of every run (tests; hosts with their own sources). */
  providerFor?(request: BacktestRequest): MarketDataProvider;
  /** Unexpected failures of runs (logged by the host). */
  onInternalError?(runId: string, error: unknown): void;
  /** The host's SHA-256 for the engine (Node/Deno: `node:crypto`); default: the engine's own. */
  createHasher?: CreateHasher;
}

/**
 * Engine slice of in-process hosts, ms. Node accepts one pending connection per event-loop turn,
 * so a wave of N WebSocket upgrades waits N turns: with one slice per turn (see `turn-yield.ts`),
 * short slices keep that wait short; the cost is a cheap macrotask per slice.
 */
export const LOCAL_SLICE_MS = 2;

const DEFAULT_CLOCK: Omit<SessionClock, "yieldControl"> = {
  wallIso: () => new Date().toISOString(),
  monotonic: () => performance.now(),
  sliceMs: LOCAL_SLICE_MS,
};

/** The in-process run domain. */
export class RunService implements RunsApi, DatasetsApi, RequestDataCheck {
  readonly store: RunStore;
  readonly hub: EventHub;
  readonly sources: DataSources;
  private readonly datasets: DatasetStore;
  private readonly executor: RunExecutor;
  private readonly sessions = new Map<string, RunSession>();
  private readonly results: ResultReader;
  private readonly clock: SessionClock;

  constructor(private readonly options: RunServiceOptions) {
    this.store = options.store;
    this.datasets = options.datasets;
    this.hub = new EventHub(options.store, { lingerMs: LOCAL_HUB_LINGER_MS });
    this.sources = new DataSources(options.datasets, options.csvFiles ?? null);
    this.executor = new RunExecutor(options.maxConcurrentRuns ?? 2);
    this.results = new ResultReader(options.store);
    // One yield queue per service: one engine slice per event-loop turn, however many runs execute.
    this.clock = { ...DEFAULT_CLOCK, yieldControl: createTurnYield(), ...options.clock };
  }

  async create(request: BacktestRequest, caller: CallerFacts): Promise<RunStatus> {
    const now = this.clock.wallIso();
    const status: RunStatus = { run_id: crypto.randomUUID(), state: "queued", progress: 0, created_at: now, started_at: null, finished_at: null, error: null };
    const first = await this.store.createRun({ status, request, key_id: caller.keyId }, { type: "state", timestamp: now, payload: { state: "queued" } });
    this.hub.publish(status.run_id, [first]);
    this.schedule(status.run_id);
    return status;
  }

  get(runId: string): Promise<RunStatus | null> {
    return this.store.getStatus(runId);
  }

  list(query: RunListQuery): Promise<RunListPage> {
    return this.store.listRuns(query);
  }

  async cancel(runId: string): Promise<CancelOutcome> {
    const status = await this.store.getStatus(runId);
    if (status === null) return { kind: "not_found" };
    if (isTerminal(status.state)) return { kind: "conflict", status };
    const session = this.sessions.get(runId) ?? new RunSession(this.sessionDeps(), runId);
    this.executor.remove(runId);
    const cancelled = await session.cancel();
    this.sessions.delete(runId);
    const after = (await this.store.getStatus(runId)) ?? status;
    return cancelled ? { kind: "cancelled", status: after } : { kind: "conflict", status: after };
  }

  result(runId: string): Promise<ResultLookup> {
    return this.results.summary(runId);
  }

  resultSection(runId: string, section: ResultSection, offset: number, limit: number): Promise<SectionLookup> {
    return this.results.section(runId, section, offset, limit);
  }

  async events(runId: string, afterId: number, limit: number): Promise<RunEvent[] | null> {
    if ((await this.store.getStatus(runId)) === null) return null;
    return this.store.readEvents(runId, afterId, limit);
  }

  async uploadDataset(symbol: string, resolution: BacktestRequest["resolution"], csv: string): Promise<DatasetInfo> {
    const { series, info } = parseDatasetUpload(symbol, resolution, csv, this.clock.wallIso(), this.options.createHasher);
    await this.datasets.putDataset(series, info);
    return info;
  }

  listDatasets(): Promise<DatasetInfo[]> {
    return this.datasets.listDatasets();
  }

  check(request: BacktestRequest): Promise<void> {
    return this.sources.check(request);
  }

  /** The market data of `request`: the `providerFor` option, else the data sources. */
  providerFor(request: BacktestRequest): MarketDataProvider {
    return (this.options.providerFor ?? ((r: BacktestRequest) => this.sources.providerFor(r)))(request);
  }

  /**
   * Opens a subscription to `runId` after event `afterId`; null for an unknown run. The
   * subscriber sends the backlog, then live events, and ends after the terminal event.
   */
  async subscribe(runId: string, afterId: number, sink: SubscriberSink, backpressure: BackpressureOptions): Promise<Subscriber | null> {
    if ((await this.store.getStatus(runId)) === null) return null;
    const finished = async (cursor: number) => {
      const status = await this.store.getStatus(runId);
      return status !== null && isTerminal(status.state) && cursor >= (await this.store.lastEventId(runId));
    };
    const subscriber = new Subscriber(this.hub, runId, afterId, sink, backpressure, finished);
    subscriber.start();
    return subscriber;
  }

  /** Executes again every run a previous process left `queued` or `running`; returns their ids. */
  async resumeActiveRuns(): Promise<string[]> {
    const ids = await this.store.listActiveRuns();
    for (const id of ids) this.schedule(id);
    return ids;
  }

  /** Resolves when no run is queued or executing. */
  idle(): Promise<void> {
    return this.executor.idle();
  }

  /**
   * Stops every session without writing a terminal state (shutdown): their runs stay active in
   * the store and are resumed by the next `resumeActiveRuns()`.
   */
  async close(): Promise<void> {
    for (const session of this.sessions.values()) {
      this.executor.remove(session.runId);
      session.abandon();
    }
    this.sessions.clear();
    await this.executor.idle();
  }

  private schedule(runId: string): void {
    if (this.sessions.has(runId)) return;
    const session = new RunSession(this.sessionDeps(), runId);
    this.sessions.set(runId, session);
    this.executor.enqueue({
      runId,
      execute: () => session.execute().finally(() => {
        if (this.sessions.get(runId) === session) this.sessions.delete(runId);
      }),
    });
  }

  private sessionDeps() {
    return {
      store: this.store,
      hub: this.hub,
      clock: this.clock,
      providerFor: (record: { request: BacktestRequest }) => this.providerFor(record.request),
      batch: this.options.batch,
      createHasher: this.options.createHasher,
      onInternalError: this.options.onInternalError,
    };
  }
}
