/**
 * Runs the optimisation store contract under Deno: the SQL store over `node:sqlite` (a new
 * database file per check under the directory given as the first argument) and the in-memory
 * store. Prints one JSON summary line; exits 1 when a check failed.
 *
 *   deno run --allow-read --allow-write --allow-env test/runs/optimizations/contract/deno-runner.ts <tmpdir>
 */
import { join } from "node:path";
import process from "node:process";
import { createInMemoryOptimizationStore } from "../../../../src/runs/optimizations/memory-optimization-store.ts";
import { createSqlOptimizationStore } from "../../../../src/runs/sql/sql-optimization-store.ts";
import { openNodeSqlite } from "../../../../src/runtime/sqlite/node-sqlite-driver.ts";
import { runOptimizationContract } from "./contract.ts";

const dir = process.argv[2];
if (!dir) {
  console.error("usage: deno-runner.ts <tmpdir>");
  process.exit(2);
}

const sqlite = await runOptimizationContract((index) => {
  const db = openNodeSqlite(join(dir, `check-${index}`, "glowback.sqlite"));
  return { store: createSqlOptimizationStore(db), close: () => db.close() };
});
const memory = await runOptimizationContract(() => ({ store: createInMemoryOptimizationStore() }));

const suites = { "node:sqlite": sqlite, memory };
const failed = Object.entries(suites).flatMap(([suite, outcomes]) => outcomes.filter((o) => !o.ok).map((o) => ({ suite, name: o.name, error: o.error })));
console.log(JSON.stringify({
  runtime: typeof (globalThis as { Deno?: unknown }).Deno === "object" ? "deno" : "other",
  passed: Object.values(suites).flat().filter((o) => o.ok).length,
  failed,
  checks: Object.fromEntries(Object.entries(suites).map(([suite, outcomes]) => [suite, outcomes.map((o) => o.name)])),
}));
process.exit(failed.length > 0 ? 1 : 0);
