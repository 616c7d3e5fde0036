/**
 * The SQL of one page of a run listing — newest first (`created_at` desc, then `run_id` desc),
 * optional state filter, keyset cursor — shared by the SQL run store and the Workers run index.
 */
import { decodeListCursor } from "../list-cursor.ts";
import type { RunListQuery } from "../run-types.ts";

/**
 * `SELECT <columns> FROM <table> …` for `query`, fetching one row more than `query.limit` so the
 * caller knows whether another page exists. A malformed cursor throws a `RangeError`.
 */
export function runListingQuery(table: string, columns: string, query: RunListQuery): { sql: string; params: (string | number)[] } {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (query.state) {
    where.push("state = ?");
    params.push(query.state);
  }
  if (query.cursor) {
    const after = decodeListCursor(query.cursor);
    where.push("(created_at < ? OR (created_at = ? AND run_id < ?))");
    params.push(after.created_at, after.created_at, after.run_id);
  }
  const filter = where.length > 0 ? `WHERE ${where.join(" AND ")} ` : "";
  params.push(query.limit + 1);
  return { sql: `SELECT ${columns} FROM ${table} ${filter}ORDER BY created_at DESC, run_id DESC LIMIT ?`, params };
}
