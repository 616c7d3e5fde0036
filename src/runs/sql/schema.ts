/**
 * The SQL schema of the run, dataset and optimisation stores, versioned in a `meta` table (Durable Objects do
 * not allow `PRAGMA user_version`). Migrations run in order, each in its own transaction, and are
 * skipped once applied, so opening a database any number of times is safe.
 */
import type { SqlDriver } from "./sql-driver.ts";

/** One migration: the statements that take the schema from `version - 1` to `version`. */
interface Migration {
  version: number;
  sql: string;
}

const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE IF NOT EXISTS runs (
        run_id TEXT PRIMARY KEY NOT NULL,
        state TEXT NOT NULL,
        progress REAL NOT NULL,
        created_at TEXT NOT NULL,
        started_at TEXT,
        finished_at TEXT,
        error TEXT,
        key_id TEXT,
        request_json TEXT NOT NULL,
        last_event_id INTEGER NOT NULL
      );
      CREATE INDEX IF NOT EXISTS runs_by_created ON runs (created_at DESC, run_id DESC);
      CREATE INDEX IF NOT EXISTS runs_by_state ON runs (state, created_at DESC, run_id DESC);
      CREATE TABLE IF NOT EXISTS run_events (
        run_id TEXT NOT NULL,
        event_id INTEGER NOT NULL,
        type TEXT NOT NULL,
        timestamp TEXT NOT NULL,
        payload_json TEXT NOT NULL,
        PRIMARY KEY (run_id, event_id)
      );
      CREATE TABLE IF NOT EXISTS result_summary_chunks (
        run_id TEXT NOT NULL,
        idx INTEGER NOT NULL,
        part TEXT NOT NULL,
        PRIMARY KEY (run_id, idx)
      );
      CREATE TABLE IF NOT EXISTS result_chunks (
        run_id TEXT NOT NULL,
        section TEXT NOT NULL,
        idx INTEGER NOT NULL,
        chunk_json TEXT NOT NULL,
        PRIMARY KEY (run_id, section, idx)
      );
      CREATE TABLE IF NOT EXISTS datasets (
        symbol TEXT NOT NULL,
        resolution TEXT NOT NULL,
        bars INTEGER NOT NULL,
        info_json TEXT NOT NULL,
        quality_json TEXT NOT NULL,
        PRIMARY KEY (symbol, resolution)
      );
      CREATE TABLE IF NOT EXISTS dataset_chunks (
        symbol TEXT NOT NULL,
        resolution TEXT NOT NULL,
        idx INTEGER NOT NULL,
        timestamps BLOB NOT NULL,
        open BLOB NOT NULL,
        high BLOB NOT NULL,
        low BLOB NOT NULL,
        close BLOB NOT NULL,
        volume BLOB NOT NULL,
        PRIMARY KEY (symbol, resolution, idx)
      );
    `,
  },
  {
    // Optimisations (issue 6): the status in columns (listing, filters), the request and the
    // best trial as JSON, one row per finished trial, and the result summary without its trials.
    version: 2,
    sql: `
      CREATE TABLE IF NOT EXISTS optimizations (
        optimization_id TEXT PRIMARY KEY NOT NULL,
        name TEXT NOT NULL,
        state TEXT NOT NULL,
        progress REAL NOT NULL,
        created_at TEXT NOT NULL,
        started_at TEXT,
        finished_at TEXT,
        error TEXT,
        search_method TEXT NOT NULL,
        objective_metric TEXT NOT NULL,
        direction TEXT NOT NULL,
        total_trials INTEGER NOT NULL,
        completed_trials INTEGER NOT NULL,
        failed_trials INTEGER NOT NULL,
        running_trials INTEGER NOT NULL,
        best_trial_json TEXT,
        key_id TEXT,
        request_json TEXT NOT NULL,
        last_event_id INTEGER NOT NULL,
        attempt INTEGER NOT NULL
      );
      CREATE INDEX IF NOT EXISTS optimizations_by_created ON optimizations (created_at DESC, optimization_id DESC);
      CREATE INDEX IF NOT EXISTS optimizations_by_state ON optimizations (state, created_at DESC, optimization_id DESC);
      CREATE TABLE IF NOT EXISTS optimization_events (
        optimization_id TEXT NOT NULL,
        event_id INTEGER NOT NULL,
        type TEXT NOT NULL,
        timestamp TEXT NOT NULL,
        payload_json TEXT NOT NULL,
        PRIMARY KEY (optimization_id, event_id)
      );
      CREATE TABLE IF NOT EXISTS optimization_trials (
        optimization_id TEXT NOT NULL,
        number INTEGER NOT NULL,
        trial_json TEXT NOT NULL,
        PRIMARY KEY (optimization_id, number)
      );
      CREATE TABLE IF NOT EXISTS optimization_results (
        optimization_id TEXT PRIMARY KEY NOT NULL,
        summary_json TEXT NOT NULL,
        etag TEXT NOT NULL,
        trial_count INTEGER NOT NULL
      );
    `,
  },
];

/** The schema version this code writes and expects. */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

const VERSION_KEY = "schema_version";

/**
 * Brings the database up to `SCHEMA_VERSION`. Refuses a database written by a newer version of
 * this code rather than guess at its layout.
 */
export function migrate(driver: SqlDriver): void {
  driver.exec("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL)");
  const row = driver.get<{ value: string }>("SELECT value FROM meta WHERE key = ?", [VERSION_KEY]);
  const current = row ? Number(row.value) : 0;
  if (!Number.isInteger(current) || current > SCHEMA_VERSION) {
    throw new Error(`Database schema version ${row?.value} is newer than this build supports (${SCHEMA_VERSION})`);
  }
  for (const migration of MIGRATIONS) {
    if (migration.version <= current) continue;
    driver.transaction(() => {
      driver.exec(migration.sql);
      driver.run("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", [
        VERSION_KEY,
        String(migration.version),
      ]);
    });
  }
}
