/**
 * The storage interface of the optimisation domain. Implementations: memory and SQL (better-sqlite3,
 * node:sqlite, a Durable Object's SQLite storage); one contract suite runs against all. Every
 * method is atomic.
 *
 * Fencing: an executor first `claim`s an optimisation, which bumps its `attempt` counter. Every
 * write an executor makes carries that attempt and is refused with a `StaleAttemptError` once
 * another claim or a cancel bumped the counter, so at most one executor ever writes an
 * optimisation, across processes and Durable Object instances.
 */
import type { TrialResult } from "../../engine/optimize/types.ts";
import type {
  OptimizationEvent, OptimizationEventDraft, OptimizationListPage, OptimizationListQuery, OptimizationRecord,
  OptimizationStatus, OptimizationStatusPatch,
} from "./optimization-types.ts";

/** A fenced write found the optimisation claimed by another executor, cancelled, or not running. */
export class StaleAttemptError extends Error {
  override name = "StaleAttemptError";
}

/** `recordTrial` was given a trial number that is already stored. */
export class DuplicateTrialError extends Error {
  override name = "DuplicateTrialError";
}

/** What a claim returns: the new attempt and the record as it was when claimed. */
export interface OptimizationClaim {
  attempt: number;
  record: OptimizationRecord;
}

/** The outcome of a conditional transition: the status after it and the events it stored. */
export interface OptimizationTransition {
  status: OptimizationStatus;
  events: OptimizationEvent[];
}

/**
 * The stored part of a completed optimisation's result: `summaryJson` is the
 * `OptimizationResult` JSON without its `trials` array (the trials are served from the trial
 * rows), `etag` the SHA-256 hex of the full result JSON as served, `trial_count` its trials.
 */
export interface StoredResultSummary {
  summaryJson: string;
  etag: string;
  trial_count: number;
}

/** Persistence of optimisations, their event logs, trials and results. All methods are atomic. */
export interface OptimizationStore {
  /** Stores a new optimisation (attempt 0) and its first event (id 1). Rejects a duplicate id. */
  create(record: OptimizationRecord, first: OptimizationEventDraft): Promise<OptimizationEvent>;
  get(id: string): Promise<OptimizationRecord | null>;
  getStatus(id: string): Promise<OptimizationStatus | null>;
  /** Newest first (`created_at` desc, then id desc), state filter, opaque cursor (`list-cursor.ts`); a bad cursor rejects with a `RangeError`. */
  list(query: OptimizationListQuery): Promise<OptimizationListPage>;
  /** Up to `limit` events with `event_id > afterId`, ascending. Unknown ⇒ empty. */
  readEvents(id: string, afterId: number, limit: number): Promise<OptimizationEvent[]>;
  /** Id of the last stored event (0 when unknown). */
  lastEventId(id: string): Promise<number>;
  /** Ids of `queued` and `running` optimisations, oldest first. */
  listActive(): Promise<string[]>;
  /**
   * Appends events with consecutive ids and applies `patch`, in one transaction. With `attempt`
   * the write is fenced: it rejects with `StaleAttemptError` unless the stored attempt equals it
   * and the state is `queued` or `running`. Unknown ⇒ rejects.
   */
  appendEvents(id: string, drafts: readonly OptimizationEventDraft[], patch?: OptimizationStatusPatch, attempt?: number): Promise<OptimizationEvent[]>;
  /** Increments the attempt counter and returns the new value with the record; null when unknown. */
  claim(id: string): Promise<OptimizationClaim | null>;
  /**
   * Stores a finished trial, its events and the status patch in one transaction. Rejects with
   * `StaleAttemptError` unless the stored attempt is `attempt` and the state is `running`, and
   * with `DuplicateTrialError` when the trial number is already stored.
   */
  recordTrial(id: string, attempt: number, trial: TrialResult, drafts: readonly OptimizationEventDraft[], patch: OptimizationStatusPatch): Promise<OptimizationEvent[]>;
  /** Up to `limit` stored trials with `number > afterNumber`, by number. */
  listTrials(id: string, afterNumber: number, limit: number): Promise<TrialResult[]>;
  trialCount(id: string): Promise<number>;
  /**
   * queued | running → cancelled (`finished_at`, `running_trials` 0) with its `state` event; bumps
   * the attempt so nothing in flight can be recorded afterwards. Null when unknown or not allowed.
   */
  cancel(id: string, timestamp: string): Promise<OptimizationTransition | null>;
  /**
   * cancelled | failed → queued, clearing `started_at`, `finished_at`, `error` and
   * `running_trials`, with its `state` event; stored trials are kept. Null when unknown or not allowed.
   */
  resume(id: string, timestamp: string): Promise<OptimizationTransition | null>;
  /** Fenced (queued | running, attempt) → failed with `error`; null when the fence does not hold. */
  fail(id: string, attempt: number, timestamp: string, error: string): Promise<OptimizationTransition | null>;
  /** Fenced running → completed (progress 1, `running_trials` 0); null when the fence does not hold. */
  complete(id: string, attempt: number, timestamp: string): Promise<OptimizationTransition | null>;
  /** Fenced like `recordTrial`: stores (replaces) the result summary. */
  putResultSummary(id: string, attempt: number, summary: StoredResultSummary): Promise<void>;
  getResultSummary(id: string): Promise<StoredResultSummary | null>;
}

/** Stored trials read per page when restoring or streaming a result. */
export const TRIAL_PAGE = 500;

/** Every stored trial of `id`, by number, read page by page. */
export async function readAllTrials(store: Pick<OptimizationStore, "listTrials">, id: string): Promise<TrialResult[]> {
  const all: TrialResult[] = [];
  for (let after = 0; ; ) {
    const page = await store.listTrials(id, after, TRIAL_PAGE);
    all.push(...page);
    if (page.length < TRIAL_PAGE) return all;
    after = page[page.length - 1].number;
  }
}
