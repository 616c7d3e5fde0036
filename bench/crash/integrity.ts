/** `PRAGMA integrity_check` of a SQLite file, read with better-sqlite3 while no server has it open. */
import Database from "better-sqlite3";

/** The rows of `PRAGMA integrity_check` joined by `; ` (`"ok"` for a sound file). */
export function integrityCheck(path: string): string {
  const db = new Database(path, { fileMustExist: true });
  try {
    const rows = db.pragma("integrity_check") as Array<{ integrity_check: string }>;
    return rows.map((row) => row.integrity_check).join("; ");
  } finally {
    db.close();
  }
}
