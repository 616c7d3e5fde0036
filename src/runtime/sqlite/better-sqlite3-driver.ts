/** `SqlDriver` over better-sqlite3: the local database on Node 20, which has no `node:sqlite`. */
import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import type { SqlDriver, SqlValue } from "../../runs/sql/sql-driver.ts";
import { createTransactionRunner } from "./transaction.ts";

/** How long a writer waits for another process's lock before failing, in milliseconds. */
const BUSY_TIMEOUT_MS = 5000;

/**
 * Opens (creating it and its parent directory if needed) the SQLite file at `path` in WAL mode with
 * `synchronous = NORMAL`. Prepared statements are cached per SQL text for the connection's life.
 */
export function openBetterSqlite3(path: string): SqlDriver & { close(): void } {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path, { timeout: BUSY_TIMEOUT_MS });
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  const statements = new Map<string, Database.Statement<SqlValue[]>>();
  const prepare = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare<SqlValue[]>(sql);
      statements.set(sql, statement);
    }
    return statement;
  };

  return {
    exec: (sql) => void db.exec(sql),
    run: (sql, params = []) => void prepare(sql).run(...params),
    all: <Row>(sql: string, params: readonly SqlValue[] = []) => prepare(sql).all(...params) as Row[],
    get: <Row>(sql: string, params: readonly SqlValue[] = []) => prepare(sql).get(...params) as Row | undefined,
    transaction: createTransactionRunner((sql) => void db.exec(sql)),
    close() {
      statements.clear();
      db.close();
    },
  };
}
