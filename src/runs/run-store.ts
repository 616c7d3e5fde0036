/**
 * The storage interface of the run domain. Implementations: memory, SQLite (Node: better-sqlite3,
 * Deno: node:sqlite) and a Durable Object's SQLite storage. One contract suite runs against all.
 */
import type { Pace } from "../engine/index.ts";
import type { RunEvent, RunEventDraft, RunListPage, RunListQuery, RunRecord, RunStatus, RunStatusPatch } from "./run-types.ts";

export type { RunState, RunStatus } from "./run-types.ts";

/** Named arrays of a result that are stored in chunks and served in pages. */
export const RESULT_SECTIONS = [
  "equity_curve",
  "benchmark_curve",
  "trades",
  "exposures",
  "order_events",
  "option_trades",
  "option_events",
  "portfolio_diagnostics",
  "constraint_hits",
  "logs",
] as const;

/** One of `RESULT_SECTIONS`. */
export type ResultSection = (typeof RESULT_SECTIONS)[number];

/** Items per stored chunk of a section (a chunk stays far below the 2 MB value limit of Durable Object storage). */
export const RESULT_CHUNK_ITEMS = 1000;

/**
 * A result split for storage: the summary (the result's JSON with every section replaced by its
 * bounded form, see `src/runs/result-parts.ts`) and each section's full items, JSON-encoded as
 * arrays of at most `RESULT_CHUNK_ITEMS` items.
 */
export interface ResultParts {
  summaryJson: string;
  sections: Record<ResultSection, { total: number; chunks: string[] }>;
}

/** Persistence of runs, their event logs and results. All methods are atomic. */
export interface RunStore {
  /** Stores a new run and its first event (id 1) together. Rejects a duplicate `run_id`. */
  createRun(record: RunRecord, first: RunEventDraft): Promise<RunEvent>;
  getRun(runId: string): Promise<RunRecord | null>;
  /** The run's status, or null when no such run exists. */
  getStatus(runId: string): Promise<RunStatus | null>;
  /** Newest first (`created_at` desc, then `run_id` desc), filtered by state, cursor-paged. */
  listRuns(query: RunListQuery): Promise<RunListPage>;
  /**
   * Appends events with consecutive ids after the last stored one and applies `patch` to the
   * status, in one transaction. Returns the stored events. Unknown run ⇒ rejects.
   */
  appendEvents(runId: string, drafts: readonly RunEventDraft[], patch?: RunStatusPatch): Promise<RunEvent[]>;
  /** Up to `limit` events with `event_id > afterId`, ascending. Unknown run ⇒ empty. */
  readEvents(runId: string, afterId: number, limit: number): Promise<RunEvent[]>;
  /** Id of the last stored event (0 when none). */
  lastEventId(runId: string): Promise<number>;
  /**
   * Stores the split result, replacing any earlier one; unknown run ⇒ rejects. With `pace` a
   * store may write in several transactions and yield between them: until it resolves, readers
   * find no summary and only some of the new chunks (never the old result). That is safe
   * because a run is marked `completed` only after its result is stored, and a re-run
   * overwrites a partial result.
   */
  putResult(runId: string, parts: ResultParts, pace?: Pace): Promise<void>;
  /** The stored summary JSON, or null. */
  getResultSummary(runId: string): Promise<string | null>;
  /** Chunks `[from, to)` of a section (JSON arrays), in order; missing chunks are left out. */
  getResultChunks(runId: string, section: ResultSection, from: number, to: number): Promise<string[]>;
  /** Ids of runs in `queued` or `running` state (to resume after a restart), oldest first. */
  listActiveRuns(): Promise<string[]>;
}

/** The part of a store the stream gateway reads. */
export type RunStatusReader = Pick<RunStore, "getStatus">;

/** A status-only in-memory store, used until the full memory store is wired in. */
export function createMemoryRunStore(): RunStatusReader & { readonly runs: Map<string, RunStatus> } {
  const runs = new Map<string, RunStatus>();
  return {
    runs,
    async getStatus(runId) {
      return runs.get(runId) ?? null;
    },
  };
}
