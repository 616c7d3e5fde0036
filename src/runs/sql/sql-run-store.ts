/**
 * A `RunStore` over any `SqlDriver` (better-sqlite3, node:sqlite, Durable Object storage). Every
 * method is one transaction (`putResult` with a pace: several, see `writeResultInSlices`); event ids come from `runs.last_event_id`, so they stay gap-free and
 * unique across restarts.
 */
import { encodeListCursor } from "../list-cursor.ts";
import type { RunStore } from "../run-store.ts";
import { applyStatusPatch } from "../run-status-patch.ts";
import type { RunEvent, RunEventDraft, RunListQuery, RunRecord, RunState, RunStatus } from "../run-types.ts";
import { runListingQuery } from "./listing-query.ts";
import { migrate } from "./schema.ts";
import type { SqlDriver, SqlValue } from "./sql-driver.ts";
import { readChunks, readSummary, writeResultInSlices } from "./sql-results.ts";

type StatusRow = {
  run_id: string;
  state: string;
  progress: number;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  error: string | null;
};
type RunRow = StatusRow & { key_id: string | null; request_json: string; last_event_id: number };
type EventRow = { event_id: number; type: string; timestamp: string; payload_json: string };

const STATUS_COLUMNS = "run_id, state, progress, created_at, started_at, finished_at, error";

function toStatus(row: StatusRow): RunStatus {
  return {
    run_id: row.run_id,
    state: row.state as RunState,
    progress: row.progress,
    created_at: row.created_at,
    started_at: row.started_at,
    finished_at: row.finished_at,
    error: row.error,
  };
}

function toEvent(runId: string, row: EventRow): RunEvent {
  return { event_id: row.event_id, run_id: runId, type: row.type as RunEvent["type"], timestamp: row.timestamp, payload: JSON.parse(row.payload_json) };
}

function insertEvent(driver: SqlDriver, runId: string, eventId: number, draft: RunEventDraft): RunEvent {
  const payloadJson = JSON.stringify(draft.payload);
  driver.run("INSERT INTO run_events (run_id, event_id, type, timestamp, payload_json) VALUES (?, ?, ?, ?, ?)", [
    runId,
    eventId,
    draft.type,
    draft.timestamp,
    payloadJson,
  ]);
  return toEvent(runId, { event_id: eventId, type: draft.type, timestamp: draft.timestamp, payload_json: payloadJson });
}

/** A run store over `driver`; creates or migrates the schema first. */
export function createSqlRunStore(driver: SqlDriver): RunStore {
  migrate(driver);

  const exists = (runId: string) => driver.get("SELECT 1 AS found FROM runs WHERE run_id = ?", [runId]) !== undefined;

  return {
    async createRun(record: RunRecord, first: RunEventDraft) {
      const s = record.status;
      return driver.transaction(() => {
        if (exists(s.run_id)) throw new Error(`Run already exists: ${s.run_id}`);
        driver.run(
          `INSERT INTO runs (${STATUS_COLUMNS}, key_id, request_json, last_event_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
          [s.run_id, s.state, s.progress, s.created_at, s.started_at, s.finished_at, s.error, record.key_id, JSON.stringify(record.request)],
        );
        return insertEvent(driver, s.run_id, 1, first);
      });
    },

    async getRun(runId) {
      const row = driver.get<RunRow>(`SELECT ${STATUS_COLUMNS}, key_id, request_json, last_event_id FROM runs WHERE run_id = ?`, [runId]);
      return row ? { status: toStatus(row), request: JSON.parse(row.request_json), key_id: row.key_id } : null;
    },

    async getStatus(runId) {
      const row = driver.get<StatusRow>(`SELECT ${STATUS_COLUMNS} FROM runs WHERE run_id = ?`, [runId]);
      return row ? toStatus(row) : null;
    },

    async listRuns(query) {
      const { sql, params } = runListingQuery("runs", STATUS_COLUMNS, query);
      const rows = driver.all<StatusRow>(sql, params);
      const items = rows.slice(0, query.limit).map(toStatus);
      const more = rows.length > query.limit && items.length > 0;
      return { items, next_cursor: more ? encodeListCursor(items[items.length - 1]) : null };
    },

    async appendEvents(runId, drafts, patch) {
      return driver.transaction(() => {
        const row = driver.get<StatusRow & { last_event_id: number }>(`SELECT ${STATUS_COLUMNS}, last_event_id FROM runs WHERE run_id = ?`, [runId]);
        if (!row) throw new Error(`Unknown run: ${runId}`);
        const events = drafts.map((draft, i) => insertEvent(driver, runId, row.last_event_id + i + 1, draft));
        const s = applyStatusPatch(toStatus(row), patch);
        driver.run("UPDATE runs SET state = ?, progress = ?, started_at = ?, finished_at = ?, error = ?, last_event_id = ? WHERE run_id = ?", [
          s.state,
          s.progress,
          s.started_at,
          s.finished_at,
          s.error,
          row.last_event_id + events.length,
          runId,
        ]);
        return events;
      });
    },

    async readEvents(runId, afterId, limit) {
      if (limit <= 0) return [];
      const rows = driver.all<EventRow>(
        "SELECT event_id, type, timestamp, payload_json FROM run_events WHERE run_id = ? AND event_id > ? ORDER BY event_id LIMIT ?",
        [runId, afterId, limit],
      );
      return rows.map((row) => toEvent(runId, row));
    },

    async lastEventId(runId) {
      return driver.get<{ last_event_id: number }>("SELECT last_event_id FROM runs WHERE run_id = ?", [runId])?.last_event_id ?? 0;
    },

    async putResult(runId, parts, pace = {}) {
      await writeResultInSlices(driver, runId, parts, pace, () => {
        if (!exists(runId)) throw new Error(`Unknown run: ${runId}`);
      });
    },

    async getResultSummary(runId) {
      return readSummary(driver, runId);
    },

    async getResultChunks(runId, section, from, to) {
      return readChunks(driver, runId, section, from, to);
    },

    async listActiveRuns() {
      const rows = driver.all<{ run_id: string }>(
        "SELECT run_id FROM runs WHERE state IN ('queued', 'running') ORDER BY created_at ASC, run_id ASC",
      );
      return rows.map((r) => r.run_id);
    },
  };
}
