/** The optimisation store contract against the in-memory store and the SQL store over better-sqlite3 (Node 20). */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { createInMemoryOptimizationStore } from "../../../src/runs/optimizations/memory-optimization-store.ts";
import { createSqlOptimizationStore } from "../../../src/runs/sql/sql-optimization-store.ts";
import { createSqlRunStore } from "../../../src/runs/sql/sql-run-store.ts";
import { openBetterSqlite3 } from "../../../src/runtime/sqlite/better-sqlite3-driver.ts";
import { OPTIMIZATION_CONTRACT_CHECKS } from "./contract/contract.ts";
import { at, optimizationRecord, stateDraft } from "./contract/fixtures.ts";

const root = mkdtempSync(join(tmpdir(), "glowback-opt-sqlite-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let counter = 0;
const freshPath = () => join(root, `db-${++counter}`, "glowback.sqlite");

describe("the in-memory optimisation store satisfies the contract", () => {
  for (const check of OPTIMIZATION_CONTRACT_CHECKS) it(check.name, () => check.run(createInMemoryOptimizationStore()));
});

describe("the SQL optimisation store over better-sqlite3 satisfies the contract", () => {
  let db: ReturnType<typeof openBetterSqlite3>;
  beforeEach(() => {
    db = openBetterSqlite3(freshPath());
  });
  afterEach(() => db.close());
  for (const check of OPTIMIZATION_CONTRACT_CHECKS) it(check.name, () => check.run(createSqlOptimizationStore(db)));
});

describe("the SQLite file", () => {
  it("keeps optimisations, attempts and trials across reopening, beside the run tables", async () => {
    const path = freshPath();
    const first = openBetterSqlite3(path);
    createSqlRunStore(first);
    const store = createSqlOptimizationStore(first);
    await store.create(optimizationRecord("keep", at(0)), stateDraft("queued", at(0)));
    const attempt = (await store.claim("keep"))!.attempt;
    await store.appendEvents("keep", [stateDraft("running", at(1))], { state: "running" }, attempt);
    first.close();
    const second = openBetterSqlite3(path);
    const reopened = createSqlOptimizationStore(second);
    expect((await reopened.getStatus("keep"))?.state).toBe("running");
    expect(await reopened.lastEventId("keep")).toBe(2);
    expect((await reopened.claim("keep"))?.attempt).toBe(2);
    expect(await reopened.listActive()).toEqual(["keep"]);
    expect(second.get<{ value: string }>("SELECT value FROM meta WHERE key = 'schema_version'")).toEqual({ value: "2" });
    second.close();
  });
});
