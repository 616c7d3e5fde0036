/**
 * The SQL of one page of an optimisation listing: newest first (`created_at` desc, then
 * `optimization_id` desc), optional state filter, keyset cursor in the runs' cursor format.
 */
import { decodeListCursor } from "../list-cursor.ts";
import type { OptimizationListQuery } from "../optimizations/optimization-types.ts";

/**
 * `SELECT <columns> FROM optimizations …` for `query`, one row more than `query.limit` so the
 * caller knows whether another page exists. A malformed cursor throws a `RangeError`.
 */
export function optimizationListingQuery(columns: string, query: OptimizationListQuery): { sql: string; params: (string | number)[] } {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (query.state) {
    where.push("state = ?");
    params.push(query.state);
  }
  if (query.cursor) {
    const after = decodeListCursor(query.cursor);
    where.push("(created_at < ? OR (created_at = ? AND optimization_id < ?))");
    params.push(after.created_at, after.created_at, after.run_id);
  }
  const filter = where.length > 0 ? `WHERE ${where.join(" AND ")} ` : "";
  params.push(query.limit + 1);
  return { sql: `SELECT ${columns} FROM optimizations ${filter}ORDER BY created_at DESC, optimization_id DESC LIMIT ?`, params };
}
