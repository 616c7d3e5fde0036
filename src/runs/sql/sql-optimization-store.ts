/**
 * An `OptimizationStore` over any `SqlDriver` (better-sqlite3, node:sqlite, Durable Object
 * storage). Every method is one transaction; event ids come from `optimizations.last_event_id`
 * and the fence from `optimizations.attempt`, both read and written inside that transaction.
 */
import type { TrialResult } from "../../engine/optimize/types.ts";
import { encodeListCursor } from "../list-cursor.ts";
import type { OptimizationStore, OptimizationTransition } from "../optimizations/optimization-store.ts";
import { DuplicateTrialError } from "../optimizations/optimization-store.ts";
import { applyOptimizationPatch, checkFence, planTransition } from "../optimizations/optimization-transitions.ts";
import type { TransitionKind } from "../optimizations/optimization-transitions.ts";
import type {
  OptimizationEvent, OptimizationEventDraft, OptimizationState, OptimizationStatus, OptimizationStatusPatch,
} from "../optimizations/optimization-types.ts";
import { listingQuery } from "./listing-query.ts";
import { migrate } from "./schema.ts";
import type { SqlDriver } from "./sql-driver.ts";

type StatusRow = {
  optimization_id: string; name: string; state: string; progress: number; created_at: string; started_at: string | null;
  finished_at: string | null; error: string | null; search_method: string; objective_metric: string; direction: string;
  total_trials: number; completed_trials: number; failed_trials: number; running_trials: number; best_trial_json: string | null;
};
type FenceRow = StatusRow & { last_event_id: number; attempt: number };
type EventRow = { event_id: number; type: string; timestamp: string; payload_json: string };

const STATUS_COLUMNS = "optimization_id, name, state, progress, created_at, started_at, finished_at, error, search_method, "
  + "objective_metric, direction, total_trials, completed_trials, failed_trials, running_trials, best_trial_json";

function toStatus(row: StatusRow): OptimizationStatus {
  return {
    optimization_id: row.optimization_id, name: row.name, state: row.state as OptimizationState, progress: row.progress,
    created_at: row.created_at, started_at: row.started_at, finished_at: row.finished_at, error: row.error,
    search_method: row.search_method as OptimizationStatus["search_method"], objective_metric: row.objective_metric,
    direction: row.direction as OptimizationStatus["direction"], total_trials: row.total_trials,
    completed_trials: row.completed_trials, failed_trials: row.failed_trials, running_trials: row.running_trials,
    best_trial: row.best_trial_json === null ? null : JSON.parse(row.best_trial_json),
  };
}

function toEvent(id: string, row: EventRow): OptimizationEvent {
  return { event_id: row.event_id, optimization_id: id, type: row.type as OptimizationEvent["type"], timestamp: row.timestamp, payload: JSON.parse(row.payload_json) };
}

/** An optimisation store over `driver`; creates or migrates the schema first. */
export function createSqlOptimizationStore(driver: SqlDriver): OptimizationStore {
  migrate(driver);

  const fenceRow = (id: string) => driver.get<FenceRow>(`SELECT ${STATUS_COLUMNS}, last_event_id, attempt FROM optimizations WHERE optimization_id = ?`, [id]);

  /** Inserts events after `row.last_event_id` and writes the patched status; inside a transaction. */
  const append = (row: FenceRow, drafts: readonly OptimizationEventDraft[], patch?: OptimizationStatusPatch, attempt = row.attempt): OptimizationEvent[] => {
    const id = row.optimization_id;
    const events = drafts.map((draft, i) => {
      const payloadJson = JSON.stringify(draft.payload);
      const eventId = row.last_event_id + i + 1;
      driver.run("INSERT INTO optimization_events (optimization_id, event_id, type, timestamp, payload_json) VALUES (?, ?, ?, ?, ?)", [
        id, eventId, draft.type, draft.timestamp, payloadJson,
      ]);
      return toEvent(id, { event_id: eventId, type: draft.type, timestamp: draft.timestamp, payload_json: payloadJson });
    });
    const s = applyOptimizationPatch(toStatus(row), patch);
    driver.run(
      "UPDATE optimizations SET state = ?, progress = ?, started_at = ?, finished_at = ?, error = ?, total_trials = ?, completed_trials = ?, "
        + "failed_trials = ?, running_trials = ?, best_trial_json = ?, last_event_id = ?, attempt = ? WHERE optimization_id = ?",
      [
        s.state, s.progress, s.started_at, s.finished_at, s.error, s.total_trials, s.completed_trials, s.failed_trials, s.running_trials,
        s.best_trial === null ? null : JSON.stringify(s.best_trial), row.last_event_id + events.length, attempt, id,
      ],
    );
    return events;
  };

  const mustGet = (id: string): FenceRow => {
    const row = fenceRow(id);
    if (!row) throw new Error(`Unknown optimization: ${id}`);
    return row;
  };

  const transition = (id: string, kind: TransitionKind, timestamp: string, fence?: { attempt: number }, error?: string): OptimizationTransition | null =>
    driver.transaction(() => {
      const row = fenceRow(id);
      if (!row || (fence && row.attempt !== fence.attempt)) return null;
      const plan = planTransition(kind, toStatus(row), timestamp, error);
      if (!plan) return null;
      const events = append(row, [plan.draft], plan.patch, kind === "cancel" ? row.attempt + 1 : row.attempt);
      return { status: applyOptimizationPatch(toStatus(row), plan.patch), events };
    });

  return {
    async create(record, first) {
      const s = record.status;
      return driver.transaction(() => {
        if (fenceRow(s.optimization_id)) throw new Error(`Optimization already exists: ${s.optimization_id}`);
        driver.run(
          `INSERT INTO optimizations (${STATUS_COLUMNS}, key_id, request_json, last_event_id, attempt) VALUES (${Array(20).fill("?").join(", ")})`,
          [
            s.optimization_id, s.name, s.state, s.progress, s.created_at, s.started_at, s.finished_at, s.error, s.search_method,
            s.objective_metric, s.direction, s.total_trials, s.completed_trials, s.failed_trials, s.running_trials,
            s.best_trial === null ? null : JSON.stringify(s.best_trial), record.key_id, JSON.stringify(record.request), 0, 0,
          ],
        );
        return append(mustGet(s.optimization_id), [first])[0];
      });
    },

    async get(id) {
      const row = driver.get<StatusRow & { key_id: string | null; request_json: string }>(`SELECT ${STATUS_COLUMNS}, key_id, request_json FROM optimizations WHERE optimization_id = ?`, [id]);
      return row ? { status: toStatus(row), request: JSON.parse(row.request_json), key_id: row.key_id } : null;
    },

    async getStatus(id) {
      const row = driver.get<StatusRow>(`SELECT ${STATUS_COLUMNS} FROM optimizations WHERE optimization_id = ?`, [id]);
      return row ? toStatus(row) : null;
    },

    async list(query) {
      const { sql, params } = listingQuery("optimizations", "optimization_id", STATUS_COLUMNS, query);
      const rows = driver.all<StatusRow>(sql, params);
      const items = rows.slice(0, query.limit).map(toStatus);
      const last = items[items.length - 1];
      const more = rows.length > query.limit && last !== undefined;
      return { items, next_cursor: more ? encodeListCursor({ created_at: last.created_at, run_id: last.optimization_id }) : null };
    },

    async readEvents(id, afterId, limit) {
      if (limit <= 0) return [];
      const rows = driver.all<EventRow>(
        "SELECT event_id, type, timestamp, payload_json FROM optimization_events WHERE optimization_id = ? AND event_id > ? ORDER BY event_id LIMIT ?",
        [id, afterId, limit],
      );
      return rows.map((row) => toEvent(id, row));
    },

    async lastEventId(id) {
      return driver.get<{ last_event_id: number }>("SELECT last_event_id FROM optimizations WHERE optimization_id = ?", [id])?.last_event_id ?? 0;
    },

    async listActive() {
      const rows = driver.all<{ optimization_id: string }>(
        "SELECT optimization_id FROM optimizations WHERE state IN ('queued', 'running') ORDER BY created_at ASC, optimization_id ASC",
      );
      return rows.map((r) => r.optimization_id);
    },

    async appendEvents(id, drafts, patch, attempt) {
      return driver.transaction(() => {
        const row = mustGet(id);
        if (attempt !== undefined) checkFence(row.attempt, row.state as OptimizationState, attempt);
        return append(row, drafts, patch);
      });
    },

    async claim(id) {
      return driver.transaction(() => {
        const row = driver.get<{ attempt: number }>("SELECT attempt FROM optimizations WHERE optimization_id = ?", [id]);
        if (!row) return null;
        driver.run("UPDATE optimizations SET attempt = ? WHERE optimization_id = ?", [row.attempt + 1, id]);
        const record = driver.get<StatusRow & { key_id: string | null; request_json: string }>(`SELECT ${STATUS_COLUMNS}, key_id, request_json FROM optimizations WHERE optimization_id = ?`, [id])!;
        return { attempt: row.attempt + 1, record: { status: toStatus(record), request: JSON.parse(record.request_json), key_id: record.key_id } };
      });
    },

    async recordTrial(id, attempt, trial, drafts, patch) {
      return driver.transaction(() => {
        const row = mustGet(id);
        checkFence(row.attempt, row.state as OptimizationState, attempt, ["running"]);
        if (driver.get("SELECT 1 AS found FROM optimization_trials WHERE optimization_id = ? AND number = ?", [id, trial.number])) {
          throw new DuplicateTrialError(`trial ${trial.number} is already stored`);
        }
        driver.run("INSERT INTO optimization_trials (optimization_id, number, trial_json) VALUES (?, ?, ?)", [id, trial.number, JSON.stringify(trial)]);
        return append(row, drafts, patch);
      });
    },

    async listTrials(id, afterNumber, limit) {
      if (limit <= 0) return [];
      const rows = driver.all<{ trial_json: string }>(
        "SELECT trial_json FROM optimization_trials WHERE optimization_id = ? AND number > ? ORDER BY number LIMIT ?",
        [id, afterNumber, limit],
      );
      return rows.map((r) => JSON.parse(r.trial_json) as TrialResult);
    },

    async trialCount(id) {
      return driver.get<{ n: number }>("SELECT COUNT(*) AS n FROM optimization_trials WHERE optimization_id = ?", [id])?.n ?? 0;
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
      driver.transaction(() => {
        const row = mustGet(id);
        checkFence(row.attempt, row.state as OptimizationState, attempt, ["running"]);
        driver.run(
          "INSERT INTO optimization_results (optimization_id, summary_json, etag, trial_count) VALUES (?, ?, ?, ?) "
            + "ON CONFLICT (optimization_id) DO UPDATE SET summary_json = excluded.summary_json, etag = excluded.etag, trial_count = excluded.trial_count",
          [id, summary.summaryJson, summary.etag, summary.trial_count],
        );
      });
    },

    async getResultSummary(id) {
      const row = driver.get<{ summary_json: string; etag: string; trial_count: number }>(
        "SELECT summary_json, etag, trial_count FROM optimization_results WHERE optimization_id = ?",
        [id],
      );
      return row ? { summaryJson: row.summary_json, etag: row.etag, trial_count: row.trial_count } : null;
    },
  };
}
