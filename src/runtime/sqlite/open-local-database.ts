/**
 * The local database of the Node and Deno hosts: `<dataDir>/glowback.sqlite`, through `node:sqlite`
 * where the runtime has it (Deno; Node ≥ 22.5) and better-sqlite3 otherwise (Node 20).
 */
/// <reference path="./node-sqlite.d.ts" />
import { join } from "node:path";
import type { SqlDriver } from "../../runs/sql/sql-driver.ts";

/** File name of the database inside the data directory. */
export const DATABASE_FILE = "glowback.sqlite";

async function hasNodeSqlite(): Promise<boolean> {
  try {
    await import("node:sqlite");
    return true;
  } catch {
    return false;
  }
}

/** Opens (creating if needed) the database in `dataDir` with the best driver this runtime has. */
export async function openLocalDatabase(dataDir: string): Promise<SqlDriver & { close(): void }> {
  const path = join(dataDir, DATABASE_FILE);
  if (await hasNodeSqlite()) {
    const { openNodeSqlite } = await import("./node-sqlite-driver.ts");
    return openNodeSqlite(path);
  }
  const { openBetterSqlite3 } = await import("./better-sqlite3-driver.ts");
  return openBetterSqlite3(path);
}
