/**
 * `SqlDriver` over `node:sqlite` (`DatabaseSync`): the local database on Deno and on Node ≥ 22.5.
 * Node 20 has no `node:sqlite`, so import this module only from Deno code or dynamically.
 */
/// <reference path="./node-sqlite.d.ts" />
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { DatabaseSync, type StatementSync } from "node:sqlite";
import type { SqlDriver, SqlValue } from "../../runs/sql/sql-driver.ts";
import { createTransactionRunner } from "./transaction.ts";

/** How long a writer waits for another process's lock before failing, in milliseconds. */
const BUSY_TIMEOUT_MS = 5000;

/**
 * Opens (creating it and its parent directory if needed) the SQLite file at `path` in WAL mode with
 * `synchronous = NORMAL`. Prepared statements are cached per SQL text for the connection's life.
 */
export function openNodeSqlite(path: string): SqlDriver & { close(): void } {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const db = new DatabaseSync(path);
  db.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
  db.exec("PRAGMA journal_mode = WAL");
  db.exec("PRAGMA synchronous = NORMAL");
  const statements = new Map<string, StatementSync>();
  const prepare = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };

  return {
    exec: (sql) => db.exec(sql),
    run: (sql, params = []) => void prepare(sql).run(...params),
    all: <Row>(sql: string, params: readonly SqlValue[] = []) => prepare(sql).all(...params) as Row[],
    get: <Row>(sql: string, params: readonly SqlValue[] = []) => prepare(sql).get(...params) as Row | undefined,
    transaction: createTransactionRunner((sql) => db.exec(sql)),
    close() {
      statements.clear();
      db.close();
    },
  };
}
