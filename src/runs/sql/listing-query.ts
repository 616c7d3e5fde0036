/**
 * The SQL of one page of a listing — newest first (`created_at` desc, then the id desc), optional
 * state filter, keyset cursor — shared by the SQL run and optimisation stores and the Workers
 * indexes of both.
 */
import { decodeListCursor } from "../list-cursor.ts";
import type { RunState } from "../run-types.ts";

/** What a listing page asks for (runs and optimisations alike). */
export interface ListingPageQuery {
  state?: RunState | null;
  limit: number;
  cursor?: string | null;
}

/**
 * `SELECT <columns> FROM <table> …` for `query`, ordered by `created_at` and `idColumn`, fetching
 * one row more than `query.limit` so the caller knows whether another page exists. A malformed
 * cursor throws a `RangeError`.
 */
export function listingQuery(table: string, idColumn: string, columns: string, query: ListingPageQuery): { sql: string; params: (string | number)[] } {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (query.state) {
    where.push("state = ?");
    params.push(query.state);
  }
  if (query.cursor) {
    const after = decodeListCursor(query.cursor);
    where.push(`(created_at < ? OR (created_at = ? AND ${idColumn} < ?))`);
    params.push(after.created_at, after.created_at, after.run_id);
  }
  const filter = where.length > 0 ? `WHERE ${where.join(" AND ")} ` : "";
  params.push(query.limit + 1);
  return { sql: `SELECT ${columns} FROM ${table} ${filter}ORDER BY created_at DESC, ${idColumn} DESC LIMIT ?`, params };
}

/** `listingQuery` of a run table (id column `run_id`). */
export function runListingQuery(table: string, columns: string, query: ListingPageQuery): { sql: string; params: (string | number)[] } {
  return listingQuery(table, "run_id", columns, query);
}
