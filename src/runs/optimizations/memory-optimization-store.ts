/**
 * An `OptimizationStore` in memory: for tests, embedding and development. Values are deep-copied
 * through JSON on the way in and out, as the SQL store does. Each method runs without an `await`
 * in between its reads and writes, which makes it atomic.
 */
import type { TrialResult } from "../../engine/optimize/types.ts";
import { decodeListCursor, encodeListCursor, isAfterPosition } from "../list-cursor.ts";
import type { OptimizationStore, OptimizationTransition, StoredResultSummary } from "./optimization-store.ts";
import { DuplicateTrialError } from "./optimization-store.ts";
import { applyOptimizationPatch, checkFence, planTransition } from "./optimization-transitions.ts";
import type { TransitionKind } from "./optimization-transitions.ts";
import type { OptimizationEvent, OptimizationEventDraft, OptimizationRecord, OptimizationStatus, OptimizationStatusPatch } from "./optimization-types.ts";

interface Stored {
  record: OptimizationRecord;
  attempt: number;
  /** `events[i].event_id === i + 1`. */
  events: OptimizationEvent[];
  /** Trial JSON by number. */
  trials: Map<number, string>;
  summary: StoredResultSummary | null;
}

function jsonCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Newest first: `created_at` desc, then id desc (code-unit order, as in SQL). */
function newestFirst(a: OptimizationStatus, b: OptimizationStatus): number {
  if (a.created_at !== b.created_at) return a.created_at < b.created_at ? 1 : -1;
  if (a.optimization_id !== b.optimization_id) return a.optimization_id < b.optimization_id ? 1 : -1;
  return 0;
}

const position = (s: OptimizationStatus) => ({ created_at: s.created_at, run_id: s.optimization_id });

/** A fresh, empty in-memory optimisation store. */
export function createInMemoryOptimizationStore(): OptimizationStore {
  const all = new Map<string, Stored>();

  const mustGet = (id: string): Stored => {
    const found = all.get(id);
    if (!found) throw new Error(`Unknown optimization: ${id}`);
    return found;
  };

  /** Validates (by serialising) before changing anything, so a failing append stores nothing. */
  const append = (item: Stored, drafts: readonly OptimizationEventDraft[], patch?: OptimizationStatusPatch): OptimizationEvent[] => {
    const id = item.record.status.optimization_id;
    const base = item.events.length;
    const events = drafts.map((d, i) => jsonCopy({ event_id: base + i + 1, optimization_id: id, type: d.type, timestamp: d.timestamp, payload: d.payload }));
    const status = jsonCopy(applyOptimizationPatch(item.record.status, patch));
    item.events.push(...events);
    item.record.status = status;
    return jsonCopy(events);
  };

  const transition = (id: string, kind: TransitionKind, timestamp: string, fence?: { attempt: number }, error?: string): OptimizationTransition | null => {
    const item = all.get(id);
    if (!item) return null;
    if (fence && item.attempt !== fence.attempt) return null;
    const plan = planTransition(kind, item.record.status, timestamp, error);
    if (!plan) return null;
    const events = append(item, [plan.draft], plan.patch);
    if (kind === "cancel") item.attempt++;
    return { status: jsonCopy(item.record.status), events };
  };

  return {
    async create(record, first) {
      const id = record.status.optimization_id;
      if (all.has(id)) throw new Error(`Optimization already exists: ${id}`);
      const item: Stored = { record: jsonCopy(record), attempt: 0, events: [], trials: new Map(), summary: null };
      const [event] = append(item, [first]);
      all.set(id, item);
      return event;
    },

    async get(id) {
      const item = all.get(id);
      return item ? jsonCopy(item.record) : null;
    },

    async getStatus(id) {
      const item = all.get(id);
      return item ? jsonCopy(item.record.status) : null;
    },

    async list(query) {
      const after = query.cursor ? decodeListCursor(query.cursor) : null;
      const matching = [...all.values()]
        .map((item) => item.record.status)
        .filter((s) => !query.state || s.state === query.state)
        .filter((s) => !after || isAfterPosition(position(s), after))
        .sort(newestFirst);
      const items = jsonCopy(matching.slice(0, query.limit));
      const more = matching.length > query.limit && items.length > 0;
      return { items, next_cursor: more ? encodeListCursor(position(items[items.length - 1])) : null };
    },

    async readEvents(id, afterId, limit) {
      const item = all.get(id);
      if (!item || limit <= 0) return [];
      const from = Math.max(0, Math.floor(afterId));
      return jsonCopy(item.events.slice(from, from + limit));
    },

    async lastEventId(id) {
      return all.get(id)?.events.length ?? 0;
    },

    async listActive() {
      return [...all.values()]
        .map((item) => item.record.status)
        .filter((s) => s.state === "queued" || s.state === "running")
        .sort((a, b) => -newestFirst(a, b))
        .map((s) => s.optimization_id);
    },

    async appendEvents(id, drafts, patch, attempt) {
      const item = mustGet(id);
      if (attempt !== undefined) checkFence(item.attempt, item.record.status.state, attempt);
      return append(item, drafts, patch);
    },

    async claim(id) {
      const item = all.get(id);
      if (!item) return null;
      item.attempt++;
      return { attempt: item.attempt, record: jsonCopy(item.record) };
    },

    async recordTrial(id, attempt, trial, drafts, patch) {
      const item = mustGet(id);
      checkFence(item.attempt, item.record.status.state, attempt, ["running"]);
      if (item.trials.has(trial.number)) throw new DuplicateTrialError(`trial ${trial.number} is already stored`);
      const json = JSON.stringify(trial);
      const events = append(item, drafts, patch);
      item.trials.set(trial.number, json);
      return events;
    },

    async listTrials(id, afterNumber, limit) {
      const trials = all.get(id)?.trials;
      if (!trials || limit <= 0) return [];
      return [...trials.entries()]
        .filter(([n]) => n > afterNumber)
        .sort((a, b) => a[0] - b[0])
        .slice(0, limit)
        .map(([, json]) => JSON.parse(json) as TrialResult);
    },

    async trialCount(id) {
      return all.get(id)?.trials.size ?? 0;
    },

    async cancel(id, timestamp) {
      return transition(id, "cancel", timestamp);
    },

    async resume(id, timestamp) {
      return transition(id, "resume", timestamp);
    },

    async fail(id, attempt, timestamp, error) {
      return transition(id, "fail", timestamp, { attempt }, error);
    },

    async complete(id, attempt, timestamp) {
      return transition(id, "complete", timestamp, { attempt });
    },

    async putResultSummary(id, attempt, summary) {
      const item = mustGet(id);
      checkFence(item.attempt, item.record.status.state, attempt, ["running"]);
      item.summary = { ...summary };
    },

    async getResultSummary(id) {
      const summary = all.get(id)?.summary;
      return summary ? { ...summary } : null;
    },
  };
}
