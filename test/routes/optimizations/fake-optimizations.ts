/**
 * A small in-memory `OptimizationsApi` (and stream subscriptions) for the route tests: honest
 * about states and transitions (queued → running → completed | failed | cancelled; cancelled or
 * failed → queued by a resume), with a gap-free event log per optimisation that the real
 * `Subscriber` streams. Tests drive executions with `start`, `finishTrial`, `complete`, `fail`.
 */
import { createHash, randomUUID } from "node:crypto";
import type { OptimizationRequest, OptimizationResult, TrialResult } from "../../../src/engine/optimize/types.ts";
import { decodeListCursor, encodeListCursor } from "../../../src/runs/list-cursor.ts";
import type { OptimizationEvent, OptimizationEventDraft, OptimizationListPage, OptimizationListQuery, OptimizationStatus } from "../../../src/runs/optimizations/optimization-types.ts";
import type { OptimizationResultLookup, OptimizationsApi, OptimizationTransitionOutcome } from "../../../src/runs/optimizations/optimizations-api.ts";
import { EventHub } from "../../../src/runs/event-hub.ts";
import type { CallerFacts } from "../../../src/runs/runs-api.ts";
import { isTerminal } from "../../../src/runs/run-types.ts";
import type { BackpressureOptions, SubscriberSink } from "../../../src/runs/subscriber.ts";
import { Subscriber } from "../../../src/runs/subscriber.ts";

interface Entry {
  status: OptimizationStatus;
  request: OptimizationRequest;
  caller: CallerFacts;
  events: OptimizationEvent[];
  result: OptimizationResult | null;
}

/** Bytes per chunk of a result body (small, so a result arrives in several chunks). */
const RESULT_CHUNK = 64;

/** The fake domain. `now` advances 1 s per call, so `created_at` orders the listing. */
export class FakeOptimizations implements OptimizationsApi {
  readonly entries = new Map<string, Entry>();
  /** How many result bodies were cancelled unread (a 304 must release its body). */
  cancelledBodies = 0;
  private clock = Date.parse("2026-03-01T00:00:00.000Z");
  private readonly hub = new EventHub({
    readEvents: async (id, afterId, limit) => (this.entries.get(id)?.events ?? []).filter((e) => e.event_id > afterId).slice(0, limit),
  });

  private now(): string {
    this.clock += 1000;
    return new Date(this.clock).toISOString();
  }

  private entry(id: string): Entry {
    const entry = this.entries.get(id);
    if (!entry) throw new Error(`no optimization ${id}`);
    return entry;
  }

  /** Appends events (ids assigned here, gap-free) and wakes the subscribers. */
  append(id: string, drafts: OptimizationEventDraft[]): OptimizationEvent[] {
    const entry = this.entry(id);
    const added = drafts.map((draft, i) => ({ ...draft, event_id: entry.events.length + i + 1, optimization_id: id }));
    entry.events.push(...added);
    this.hub.publish(id, added);
    return added;
  }

  private transition(id: string, patch: Partial<OptimizationStatus>, extra: OptimizationEventDraft[] = []): OptimizationStatus {
    const entry = this.entry(id);
    entry.status = { ...entry.status, ...patch };
    const state: Record<string, unknown> = { state: entry.status.state };
    if (entry.status.error !== null) state.error = entry.status.error;
    this.append(id, [...extra, { type: "state", timestamp: this.now(), payload: state }]);
    return entry.status;
  }

  async createOptimization(request: OptimizationRequest, caller: CallerFacts): Promise<OptimizationStatus> {
    const id = randomUUID();
    const status: OptimizationStatus = {
      optimization_id: id, name: request.name, state: "queued", progress: 0, created_at: this.now(), started_at: null, finished_at: null,
      error: null, search_method: request.strategy, objective_metric: request.objective_metric, direction: request.direction,
      total_trials: request.max_trials, completed_trials: 0, failed_trials: 0, running_trials: 0, best_trial: null,
    };
    this.entries.set(id, { status, request, caller, events: [], result: null });
    this.append(id, [{ type: "state", timestamp: status.created_at, payload: { state: "queued" } }]);
    return status;
  }

  async getOptimization(id: string): Promise<OptimizationStatus | null> {
    return this.entries.get(id)?.status ?? null;
  }

  async listOptimizations(query: OptimizationListQuery): Promise<OptimizationListPage> {
    const after = query.cursor ? decodeListCursor(query.cursor) : null;
    const ordered = [...this.entries.values()]
      .map((e) => e.status)
      .filter((s) => !query.state || s.state === query.state)
      .sort((a, b) => (a.created_at === b.created_at ? b.optimization_id.localeCompare(a.optimization_id) : b.created_at.localeCompare(a.created_at)))
      .filter((s) => !after || s.created_at < after.created_at || (s.created_at === after.created_at && s.optimization_id < after.run_id));
    const items = ordered.slice(0, query.limit);
    const last = items[items.length - 1];
    const next_cursor = ordered.length > query.limit ? encodeListCursor({ created_at: last.created_at, run_id: last.optimization_id }) : null;
    return { items, next_cursor };
  }

  async cancelOptimization(id: string): Promise<OptimizationTransitionOutcome> {
    const entry = this.entries.get(id);
    if (!entry) return { kind: "not_found" };
    if (isTerminal(entry.status.state)) return { kind: "conflict", status: entry.status };
    return { kind: "done", status: this.transition(id, { state: "cancelled", finished_at: this.now(), running_trials: 0 }) };
  }

  async resumeOptimization(id: string): Promise<OptimizationTransitionOutcome> {
    const entry = this.entries.get(id);
    if (!entry) return { kind: "not_found" };
    if (entry.status.state !== "cancelled" && entry.status.state !== "failed") return { kind: "conflict", status: entry.status };
    return { kind: "done", status: this.transition(id, { state: "queued", started_at: null, finished_at: null, error: null }) };
  }

  async optimizationResult(id: string): Promise<OptimizationResultLookup> {
    const entry = this.entries.get(id);
    if (!entry) return { kind: "not_found" };
    if (entry.status.state !== "completed" || entry.result === null) return { kind: "not_ready", status: entry.status };
    const bytes = new TextEncoder().encode(JSON.stringify(entry.result));
    let offset = 0;
    const body = new ReadableStream<Uint8Array>({
      pull: (controller) => {
        if (offset >= bytes.length) return controller.close();
        controller.enqueue(bytes.slice(offset, offset + RESULT_CHUNK));
        offset += RESULT_CHUNK;
      },
      cancel: () => {
        this.cancelledBodies += 1;
      },
    });
    return { kind: "ready", body, etag: resultEtag(entry.result) };
  }

  async optimizationEvents(id: string, afterId: number, limit: number): Promise<OptimizationEvent[] | null> {
    const entry = this.entries.get(id);
    if (!entry) return null;
    return entry.events.filter((e) => e.event_id > afterId).slice(0, limit);
  }

  /** The stream subscriptions of the default gateway (as `OptimizationService.subscribe`). */
  async subscribe(id: string, afterId: number, sink: SubscriberSink, backpressure: BackpressureOptions): Promise<Subscriber | null> {
    if (!this.entries.has(id)) return null;
    const finished = async (cursor: number) => {
      const entry = this.entries.get(id);
      return entry !== undefined && isTerminal(entry.status.state) && cursor >= entry.events.length;
    };
    const subscriber = new Subscriber(this.hub, id, afterId, sink, backpressure, finished);
    subscriber.start();
    return subscriber;
  }

  /** queued → running. */
  start(id: string): OptimizationStatus {
    return this.transition(id, { state: "running", started_at: this.now(), running_trials: 1 });
  }

  /** Records a finished trial: `trial`, maybe `best`, and `progress` events. */
  finishTrial(id: string, trial: TrialResult): void {
    const { status } = this.entry(id);
    const completed = status.completed_trials + (trial.status === "completed" ? 1 : 0);
    const failed = status.failed_trials + (trial.status === "failed" ? 1 : 0);
    const better = trial.objective !== null && (status.best_trial?.objective == null || trial.objective > status.best_trial.objective);
    const progress = (completed + failed) / status.total_trials;
    this.entry(id).status = { ...status, completed_trials: completed, failed_trials: failed, progress, best_trial: better ? trial : status.best_trial };
    const ts = this.now();
    this.append(id, [
      { type: "trial", timestamp: ts, payload: { trial } },
      ...(better ? [{ type: "best" as const, timestamp: ts, payload: { best_trial: trial } }] : []),
      { type: "progress", timestamp: ts, payload: { progress, total_trials: status.total_trials, completed_trials: completed, failed_trials: failed, running_trials: status.running_trials } },
    ]);
  }

  /** running → completed with `result`. */
  complete(id: string, result: OptimizationResult): OptimizationStatus {
    this.entry(id).result = result;
    return this.transition(id, { state: "completed", progress: 1, finished_at: this.now(), running_trials: 0 });
  }

  /** → failed with `error`. */
  fail(id: string, error: string): OptimizationStatus {
    return this.transition(id, { state: "failed", error, finished_at: this.now(), running_trials: 0 });
  }
}

/** The ETag (unquoted) the fake gives a result: SHA-256 hex of its JSON. */
export function resultEtag(result: OptimizationResult): string {
  return createHash("sha256").update(JSON.stringify(result)).digest("hex");
}

/** A completed trial with `objective`. */
export function trial(number: number, objective: number, parameters: Record<string, number> = { short_period: number + 1 }): TrialResult {
  return {
    number, parameters, status: "completed", objective, metrics: { validation_sharpe_ratio: objective }, duration_ms: 5, error: null,
    proposal: { method: "grid", history_size: number - 1 },
  };
}
