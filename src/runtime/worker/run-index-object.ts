/**
 * The run index: one Durable Object (`idFromName("index")`) with a SQL table of every run's
 * status, for `GET /v1/backtests`. Run objects report each status transition (and progress at a
 * bounded rate) to it; a report that fails is repeated later (see `index-reporter.ts`), so a
 * listing may lag the run's own object by a few seconds — `GET /v1/backtests/{id}` is always
 * current. One instance takes a few writes per run (queued, running, a progress report every few
 * seconds, the terminal state), far below what one object serves; shard by hashing the run id
 * (and merge pages) only if that stops being true.
 */
import { DurableObject } from "cloudflare:workers";
import { encodeListCursor } from "../../runs/list-cursor.ts";
import { runListingQuery } from "../../runs/sql/listing-query.ts";
import type { RunListPage, RunListQuery, RunState, RunStatus } from "../../runs/run-types.ts";
import type { WorkerEnv } from "./worker-env.ts";

/** Name of the single index object. */
export const RUN_INDEX_NAME = "index";

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS run_index (
    run_id TEXT PRIMARY KEY NOT NULL,
    state TEXT NOT NULL,
    rank INTEGER NOT NULL,
    progress REAL NOT NULL,
    created_at TEXT NOT NULL,
    started_at TEXT,
    finished_at TEXT,
    error TEXT
  );
  CREATE INDEX IF NOT EXISTS run_index_by_created ON run_index (created_at DESC, run_id DESC);
  CREATE INDEX IF NOT EXISTS run_index_by_state ON run_index (state, created_at DESC, run_id DESC);
`;

const COLUMNS = "run_id, state, progress, created_at, started_at, finished_at, error";

/** Order of states: a report never moves an entry back (e.g. a late `running` after `completed`). */
function rankOf(state: RunState): number {
  return state === "queued" ? 0 : state === "running" ? 1 : 2;
}

type Row = Omit<RunStatus, "state"> & { state: string };

/** The index object. */
export class RunIndexObject extends DurableObject<WorkerEnv> {
  private readonly sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: WorkerEnv) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.sql.exec(SCHEMA);
  }

  /** Records `status` unless the entry already holds a later state or more progress. */
  report(status: RunStatus): void {
    const s = status;
    this.sql.exec(
      `INSERT INTO run_index (${COLUMNS}, rank) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (run_id) DO UPDATE SET state = excluded.state, rank = excluded.rank, progress = excluded.progress,
         started_at = excluded.started_at, finished_at = excluded.finished_at, error = excluded.error
       WHERE excluded.rank > run_index.rank OR (excluded.rank = run_index.rank AND run_index.rank < 2 AND excluded.progress >= run_index.progress)`,
      s.run_id, s.state, s.progress, s.created_at, s.started_at, s.finished_at, s.error, rankOf(s.state),
    );
  }

  /** Newest first (`created_at` desc, then `run_id` desc), filtered by state, cursor-paged. */
  list(query: RunListQuery): RunListPage {
    const { sql, params } = runListingQuery("run_index", COLUMNS, query);
    const rows = this.sql
      .exec<Row>(sql, ...params)
      .toArray();
    const items = rows.slice(0, query.limit).map((row) => ({ ...row, state: row.state as RunState }));
    const more = rows.length > query.limit && items.length > 0;
    return { items, next_cursor: more ? encodeListCursor(items[items.length - 1]) : null };
  }
}
