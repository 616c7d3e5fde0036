/**
 * The few synchronous SQLite operations the SQL stores need, so one store runs on better-sqlite3
 * (Node 20), `node:sqlite` (Deno) and a Durable Object's `ctx.storage.sql` (Workers). Each host
 * implements it in `src/runtime/`.
 */

/** A value bound to or read from SQLite. */
export type SqlValue = string | number | null | Uint8Array;

/** A synchronous SQLite connection. */
export interface SqlDriver {
  /** Runs one or more statements without parameters (schema). */
  exec(sql: string): void;
  /** Runs one statement with positional `?` parameters. */
  run(sql: string, params?: readonly SqlValue[]): void;
  /** All rows of a query, as objects keyed by column name. */
  all<Row extends Record<string, SqlValue>>(sql: string, params?: readonly SqlValue[]): Row[];
  /** The first row of a query, or undefined. */
  get<Row extends Record<string, SqlValue>>(sql: string, params?: readonly SqlValue[]): Row | undefined;
  /** Runs `fn` in a transaction: committed when it returns, rolled back when it throws. */
  transaction<T>(fn: () => T): T;
}
