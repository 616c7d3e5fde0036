/**
 * One run's execution: queued → running → completed | failed | cancelled, every transition a
 * `state` event written with its status patch in one append; progress, metric and log events in
 * batches (see `event-writer.ts`, `event-filter.ts`). A run found `queued`/`running` after a
 * restart is executed again from its stored request (the engine is deterministic) and continues
 * its event log without repeating what the first attempt stored.
 */
import { EngineValidationError, drainCooperatively, streamBacktest } from "../engine/index.ts";
import type { CreateHasher, MarketDataProvider, Pace } from "../engine/index.ts";
import type { ResumePoint } from "./event-filter.ts";
import { EventFilter, FRESH_START } from "./event-filter.ts";
import type { EventHub } from "./event-hub.ts";
import type { BatchOptions } from "./event-writer.ts";
import { EventWriter } from "./event-writer.ts";
import { splitResultSteps } from "./result-parts.ts";
import type { RunStore } from "./run-store.ts";
import type { RunEventDraft, RunRecord, RunState, RunStatus } from "./run-types.ts";
import { isTerminal } from "./run-types.ts";

/** Host facilities a session uses. */
export interface SessionClock {
  /** Wall clock, ISO-8601 UTC. */
  wallIso(): string;
  /** Monotonic milliseconds (throttling, engine slices). */
  monotonic(): number;
  /** A macrotask yield, so the host's I/O stays responsive during a run. */
  yieldControl(): Promise<void>;
  /** Longest synchronous stretch of a run between two yields, ms; default: the engine's. */
  sliceMs?: number;
}

/** Everything a session needs. */
export interface SessionDeps {
  store: RunStore;
  hub: EventHub;
  clock: SessionClock;
  providerFor(record: RunRecord): MarketDataProvider;
  batch?: BatchOptions;
  /** The host's SHA-256 for the engine's fingerprint and content hash (default: the engine's own). */
  createHasher?: CreateHasher;
  /** Called with unexpected (non-validation) failures, which the client only sees as a generic message. */
  onInternalError?(runId: string, error: unknown): void;
}

/** Message of a run that failed for an internal reason. */
export const INTERNAL_RUN_ERROR = "The backtest failed because of an internal error";
/** Log line written when a run is picked up again after a restart. */
export const RESUMED_MESSAGE = "Run resumed after a restart";

/** A `state` event draft. */
function stateDraft(timestamp: string, state: RunState, error?: string): RunEventDraft {
  return { type: "state", timestamp, payload: error === undefined ? { state } : { state, error } };
}

/** One run, owned by this process while it is queued or running here. */
export class RunSession {
  private readonly writer: EventWriter;
  private readonly controller = new AbortController();

  constructor(
    private readonly deps: SessionDeps,
    readonly runId: string,
  ) {
    this.writer = new EventWriter(deps.store, deps.hub, runId, deps.batch);
  }

  /** Runs the backtest to a terminal state (unless cancelled or already terminal). */
  async execute(): Promise<void> {
    const { store, clock } = this.deps;
    const record = await store.getRun(this.runId);
    if (record === null || isTerminal(record.status.state) || this.writer.isTerminal) return;
    const resume = await this.resumePoint(record.status);
    if (record.status.state === "queued") {
      const now = clock.wallIso();
      await this.writer.commit([stateDraft(now, "running")], { state: "running", started_at: now });
    } else {
      await this.writer.commit([{ type: "log", timestamp: clock.wallIso(), payload: { level: "info", message: RESUMED_MESSAGE } }]);
    }
    try {
      await this.run(record, resume);
    } catch (error) {
      if (this.controller.signal.aborted) return;
      await this.fail(error);
    } finally {
      this.writer.dispose();
    }
  }

  /**
   * Cancels the run: stops the engine and writes `cancelled`. Resolves with false when the run
   * reached another terminal state first.
   */
  async cancel(): Promise<boolean> {
    this.controller.abort();
    const now = this.deps.clock.wallIso();
    const events = await this.writer.commitTerminal([stateDraft(now, "cancelled")], { state: "cancelled", finished_at: now });
    this.writer.dispose();
    return events !== null;
  }

  /**
   * Ends a queued or running run as `failed` with `message`, without executing it: the host gave
   * up on it (see the Workers run object's attempt limit). Resolves with false when the run was
   * already terminal.
   */
  async giveUp(message: string): Promise<boolean> {
    const now = this.deps.clock.wallIso();
    const events = await this.writer.commitTerminal([stateDraft(now, "failed", message)], { state: "failed", error: message, finished_at: now });
    this.writer.dispose();
    return events !== null;
  }

  /** Stops without writing anything (service shutdown): the run stays active and resumes on the next start. */
  abandon(): void {
    this.writer.dispose();
    this.controller.abort();
  }

  private async run(record: RunRecord, resume: ResumePoint): Promise<void> {
    const { clock } = this.deps;
    const filter = new EventFilter(resume, clock.monotonic, clock.wallIso);
    const stream = streamBacktest({
      runId: this.runId,
      request: record.request,
      provider: this.deps.providerFor(record),
      signal: this.controller.signal,
      now: clock.monotonic,
      yieldControl: clock.yieldControl,
      sliceMs: clock.sliceMs,
      createHasher: this.deps.createHasher,
    });
    let step = await stream.next();
    for (; !step.done; step = await stream.next()) {
      for (const { draft, progress } of filter.accept(step.value)) this.writer.add(draft, progress === undefined ? undefined : { progress });
    }
    for (const { draft } of filter.finish()) this.writer.add(draft);
    await this.writer.flush();
    if (this.controller.signal.aborted) return;
    // Encoding and storing a large result take longer than a host may block its event loop:
    // both run in slices. The result is stored before `completed` is, so a client that sees
    // `completed` can read it.
    const pace: Pace = { now: clock.monotonic, yieldControl: clock.yieldControl, sliceMs: clock.sliceMs };
    const parts = await drainCooperatively(splitResultSteps(step.value), pace);
    if (this.controller.signal.aborted) return;
    await this.deps.store.putResult(this.runId, parts, pace);
    const now = clock.wallIso();
    await this.writer.commitTerminal([stateDraft(now, "completed")], { state: "completed", progress: 1, finished_at: now, error: null });
  }

  private async fail(error: unknown): Promise<void> {
    const message = error instanceof EngineValidationError ? error.issues.map((i) => i.msg).join("; ") : INTERNAL_RUN_ERROR;
    if (!(error instanceof EngineValidationError)) this.deps.onInternalError?.(this.runId, error);
    const now = this.deps.clock.wallIso();
    try {
      await this.writer.commitTerminal([stateDraft(now, "failed", message)], { state: "failed", error: message, finished_at: now });
    } catch (writeError) {
      this.deps.onInternalError?.(this.runId, writeError);
    }
  }

  /** What an earlier attempt stored: its progress and last metric time. */
  private async resumePoint(status: RunStatus): Promise<ResumePoint> {
    if (status.state === "queued") return FRESH_START;
    let lastMetricTimestamp: string | null = null;
    for (let after = 0; ; ) {
      const page = await this.deps.store.readEvents(this.runId, after, 1000);
      for (const event of page) if (event.type === "metric") lastMetricTimestamp = String(event.payload.timestamp);
      if (page.length < 1000) break;
      after = page[page.length - 1].event_id;
    }
    return { resumed: true, progress: status.progress, lastMetricTimestamp };
  }
}
