/**
 * Runs the store contract under Deno: the SQL stores over `node:sqlite` (a new database file per
 * check under the directory given as the first argument) and the in-memory stores. Prints one
 * JSON summary line; exits 1 when a check failed.
 *
 *   deno run --allow-read --allow-write --allow-env test/runs/contract/deno-runner.ts <tmpdir>
 */
import { join } from "node:path";
import process from "node:process";
import { createInMemoryDatasetStore } from "../../../src/runs/memory-dataset-store.ts";
import { createInMemoryRunStore } from "../../../src/runs/memory-run-store.ts";
import { createSqlDatasetStore } from "../../../src/runs/sql/sql-dataset-store.ts";
import { createSqlRunStore } from "../../../src/runs/sql/sql-run-store.ts";
import { openNodeSqlite } from "../../../src/runtime/sqlite/node-sqlite-driver.ts";
import { runContract } from "./contract.ts";

const dir = process.argv[2];
if (!dir) {
  console.error("usage: deno-runner.ts <tmpdir>");
  process.exit(2);
}

const sqlite = await runContract((index) => {
  const db = openNodeSqlite(join(dir, `check-${index}`, "glowback.sqlite"));
  return { subject: { runs: createSqlRunStore(db), datasets: createSqlDatasetStore(db) }, close: () => db.close() };
});
const memory = await runContract(() => ({ subject: { runs: createInMemoryRunStore(), datasets: createInMemoryDatasetStore() } }));

const suites = { "node:sqlite": sqlite, memory };
const failed = Object.entries(suites).flatMap(([suite, outcomes]) => outcomes.filter((o) => !o.ok).map((o) => ({ suite, name: o.name, error: o.error })));
const summary = {
  runtime: typeof (globalThis as { Deno?: unknown }).Deno === "object" ? "deno" : "other",
  passed: Object.values(suites).flat().filter((o) => o.ok).length,
  failed,
  checks: Object.fromEntries(Object.entries(suites).map(([suite, outcomes]) => [suite, outcomes.map((o) => o.name)])),
};
console.log(JSON.stringify(summary));
process.exit(failed.length > 0 ? 1 : 0);
