/**
 * A `RunStore` in memory: for tests, embedding and development. Everything is deep-copied on the
 * way in and out (through JSON, as the SQL stores do), so callers can never change stored state through a reference they hold.
 */
import { decodeListCursor, encodeListCursor, isAfterPosition } from "./list-cursor.ts";
import type { ResultParts, ResultSection, RunStore } from "./run-store.ts";
import { applyStatusPatch } from "./run-status-patch.ts";
import type { RunEvent, RunEventDraft, RunRecord, RunStatus } from "./run-types.ts";
import { isTerminal } from "./run-types.ts";

interface StoredRun {
  record: RunRecord;
  /** `events[i].event_id === i + 1`. */
  events: RunEvent[];
  summary: string | null;
  chunks: Map<ResultSection, string[]>;
}

/** Newest first: `created_at` desc, then `run_id` desc (plain code-unit order, as in SQL). */
function newestFirst(a: RunStatus, b: RunStatus): number {
  if (a.created_at !== b.created_at) return a.created_at < b.created_at ? 1 : -1;
  if (a.run_id !== b.run_id) return a.run_id < b.run_id ? 1 : -1;
  return 0;
}

/** A deep copy through JSON: what goes in comes out exactly as the SQL stores would return it. */
function jsonCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function toEvent(runId: string, eventId: number, draft: RunEventDraft): RunEvent {
  return jsonCopy({ event_id: eventId, run_id: runId, type: draft.type, timestamp: draft.timestamp, payload: draft.payload });
}

/** A fresh, empty in-memory run store. */
export function createInMemoryRunStore(): RunStore {
  const runs = new Map<string, StoredRun>();

  function mustGet(runId: string): StoredRun {
    const run = runs.get(runId);
    if (!run) throw new Error(`Unknown run: ${runId}`);
    return run;
  }

  return {
    async createRun(record, first) {
      const runId = record.status.run_id;
      if (runs.has(runId)) throw new Error(`Run already exists: ${runId}`);
      const event = toEvent(runId, 1, first);
      runs.set(runId, { record: jsonCopy(record), events: [event], summary: null, chunks: new Map() });
      return jsonCopy(event);
    },

    async getRun(runId) {
      const run = runs.get(runId);
      return run ? jsonCopy(run.record) : null;
    },

    async getStatus(runId) {
      const run = runs.get(runId);
      return run ? { ...run.record.status } : null;
    },

    async listRuns(query) {
      const after = query.cursor ? decodeListCursor(query.cursor) : null;
      const matching = [...runs.values()]
        .map((run) => run.record.status)
        .filter((s) => !query.state || s.state === query.state)
        .filter((s) => !after || isAfterPosition(s, after))
        .sort(newestFirst);
      const items = matching.slice(0, query.limit).map((s) => ({ ...s }));
      const more = matching.length > query.limit && items.length > 0;
      return { items, next_cursor: more ? encodeListCursor(items[items.length - 1]) : null };
    },

    async appendEvents(runId, drafts, patch) {
      const run = mustGet(runId);
      const base = run.events.length;
      const events = drafts.map((draft, i) => toEvent(runId, base + i + 1, draft));
      const status = applyStatusPatch(run.record.status, patch);
      run.events.push(...events);
      run.record.status = status;
      return jsonCopy(events);
    },

    async readEvents(runId, afterId, limit) {
      const run = runs.get(runId);
      if (!run || limit <= 0) return [];
      const from = Math.max(0, Math.floor(afterId));
      return jsonCopy(run.events.slice(from, from + limit));
    },

    async lastEventId(runId) {
      return runs.get(runId)?.events.length ?? 0;
    },

    async putResult(runId, parts: ResultParts) {
      const run = mustGet(runId);
      run.summary = parts.summaryJson;
      run.chunks = new Map(Object.entries(parts.sections).map(([section, s]) => [section as ResultSection, [...s.chunks]]));
    },

    async getResultSummary(runId) {
      return runs.get(runId)?.summary ?? null;
    },

    async getResultChunks(runId, section, from, to) {
      const chunks = runs.get(runId)?.chunks.get(section) ?? [];
      return chunks.slice(Math.max(0, from), Math.max(0, to));
    },

    async listActiveRuns() {
      return [...runs.values()]
        .map((run) => run.record.status)
        .filter((s) => !isTerminal(s.state))
        .sort((a, b) => -newestFirst(a, b))
        .map((s) => s.run_id);
    },
  };
}
