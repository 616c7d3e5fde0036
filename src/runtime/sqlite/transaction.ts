/** Nesting-safe transactions for the local SQLite drivers (better-sqlite3 and node:sqlite). */

/** Runs one statement without parameters. */
type Exec = (sql: string) => void;

/**
 * Returns a `transaction(fn)` over `exec`: the outermost call wraps `fn` in `BEGIN IMMEDIATE` …
 * `COMMIT` (`ROLLBACK` when it throws); a nested call just runs `fn` inside the outer one.
 * `IMMEDIATE` takes the write lock up front, so two processes never deadlock upgrading a read.
 */
export function createTransactionRunner(exec: Exec): <T>(fn: () => T) => T {
  let depth = 0;
  return <T>(fn: () => T): T => {
    if (depth > 0) return fn();
    exec("BEGIN IMMEDIATE");
    depth++;
    try {
      const result = fn();
      exec("COMMIT");
      return result;
    } catch (error) {
      exec("ROLLBACK");
      throw error;
    } finally {
      depth--;
    }
  };
}
