/**
 * The optimisation index: one Durable Object (`idFromName("index")`) with a SQL table of every
 * optimisation's status, for `GET /v1/optimizations`. Optimisation objects report each transition
 * (and progress at a bounded rate) with the id of their last stored event as a version: an entry
 * only moves forward in its own log, also across a resume (cancelled → queued), which a ranking of
 * states could not express. A report that fails is repeated later (see `index-reporter.ts`), so a
 * listing may lag an optimisation's own object by a few seconds.
 */
import { DurableObject } from "cloudflare:workers";
import { encodeListCursor } from "../../runs/list-cursor.ts";
import type { OptimizationListPage, OptimizationListQuery, OptimizationState, OptimizationStatus } from "../../runs/optimizations/optimization-types.ts";
import { listingQuery } from "../../runs/sql/listing-query.ts";
import type { WorkerEnv } from "./worker-env.ts";

/** Name of the single index object. */
export const OPTIMIZATION_INDEX_NAME = "index";

/** A status as reported, with the id of the optimisation's last event when it was read. */
export interface OptimizationIndexEntry {
  status: OptimizationStatus;
  version: number;
}

// The table is named `optimizations` so the shared listing query applies; it lives in this
// object's own database, next to nothing else.
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS optimizations (
    optimization_id TEXT PRIMARY KEY NOT NULL,
    state TEXT NOT NULL,
    created_at TEXT NOT NULL,
    version INTEGER NOT NULL,
    status_json TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS optimization_index_by_created ON optimizations (created_at DESC, optimization_id DESC);
  CREATE INDEX IF NOT EXISTS optimization_index_by_state ON optimizations (state, created_at DESC, optimization_id DESC);
`;

type Row = { optimization_id: string; created_at: string; status_json: string };

/** The index object. */
export class OptimizationIndexObject extends DurableObject<WorkerEnv> {
  private readonly sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: WorkerEnv) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.sql.exec(SCHEMA);
  }

  /** Records `entry` unless the index already holds a later version of that optimisation. */
  report(entry: OptimizationIndexEntry): void {
    const s = entry.status;
    this.sql.exec(
      `INSERT INTO optimizations (optimization_id, state, created_at, version, status_json) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (optimization_id) DO UPDATE SET state = excluded.state, version = excluded.version, status_json = excluded.status_json
       WHERE excluded.version >= optimizations.version`,
      s.optimization_id, s.state, s.created_at, entry.version, JSON.stringify(s),
    );
  }

  /** Newest first (`created_at` desc, then id desc), filtered by state, cursor-paged; a bad cursor throws a `RangeError`. */
  list(query: OptimizationListQuery): OptimizationListPage {
    const { sql, params } = listingQuery("optimizations", "optimization_id", "optimization_id, created_at, status_json", query);
    const rows = this.sql.exec<Row>(sql, ...params).toArray();
    const items = rows.slice(0, query.limit).map((row) => JSON.parse(row.status_json) as OptimizationStatus);
    const last = rows[Math.min(rows.length, query.limit) - 1];
    const more = rows.length > query.limit && last !== undefined;
    return { items, next_cursor: more ? encodeListCursor({ created_at: last.created_at, run_id: last.optimization_id }) : null };
  }

  /** The state of one entry (diagnostics, tests), or null. */
  stateOf(id: string): OptimizationState | null {
    const row = this.sql.exec<{ state: string }>("SELECT state FROM optimizations WHERE optimization_id = ?", id).toArray()[0];
    return row === undefined ? null : (row.state as OptimizationState);
  }
}
