/** The store contract against the SQL stores over better-sqlite3 (Node 20), plus what only a file can show. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { SCHEMA_VERSION } from "../../src/runs/sql/schema.ts";
import { createSqlDatasetStore } from "../../src/runs/sql/sql-dataset-store.ts";
import { createSqlRunStore } from "../../src/runs/sql/sql-run-store.ts";
import { openBetterSqlite3 } from "../../src/runtime/sqlite/better-sqlite3-driver.ts";
import { DATABASE_FILE, openLocalDatabase } from "../../src/runtime/sqlite/open-local-database.ts";
import { CONTRACT_CHECKS } from "./contract/contract.ts";
import { at, datasetInfo, progressDraft, resultParts, runRecord, series, stateDraft } from "./contract/fixtures.ts";

const root = mkdtempSync(join(tmpdir(), "glowback-sqlite-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let counter = 0;
/** A new database file path under the suite's temp directory. */
const freshPath = () => join(root, `db-${++counter}`, "glowback.sqlite");

describe("SQL stores over better-sqlite3 satisfy the store contract", () => {
  let db: ReturnType<typeof openBetterSqlite3>;
  beforeEach(() => {
    db = openBetterSqlite3(freshPath());
  });
  afterEach(() => db.close());

  for (const check of CONTRACT_CHECKS) {
    it(check.name, () => check.run({ runs: createSqlRunStore(db), datasets: createSqlDatasetStore(db) }));
  }
});

describe("the SQLite file", () => {
  it("keeps runs, events, results and datasets across closing and reopening", async () => {
    const path = freshPath();
    const first = openBetterSqlite3(path);
    const runs = createSqlRunStore(first);
    const record = runRecord("persist", at(0));
    await runs.createRun(record, stateDraft("queued", at(0)));
    await runs.appendEvents("persist", [stateDraft("running", at(1)), progressDraft(3)], { state: "running", started_at: at(1) });
    await runs.putResult("persist", resultParts('{"total_return":0.12}', { trades: 3 }));
    const loaded = series("AAPL", "day", 10_000, (i, c) => i + c / 8);
    await createSqlDatasetStore(first).putDataset(loaded, datasetInfo(loaded, at(2)));
    first.close();

    const second = openBetterSqlite3(path);
    const reopened = createSqlRunStore(second);
    expect(await reopened.getStatus("persist")).toEqual({ ...record.status, state: "running", started_at: at(1) });
    expect(await reopened.lastEventId("persist")).toBe(3);
    expect((await reopened.appendEvents("persist", [progressDraft(4)]))[0].event_id).toBe(4);
    expect(await reopened.getResultSummary("persist")).toBe('{"total_return":0.12}');
    expect(await reopened.getResultChunks("persist", "trades", 0, 10)).toEqual(resultParts("", { trades: 3 }).sections.trades.chunks);
    expect(await reopened.listActiveRuns()).toEqual(["persist"]);
    const back = await createSqlDatasetStore(second).getDataset("AAPL", "day");
    expect(back?.series.close).toEqual(loaded.series.close);
    expect(second.get<{ value: string }>("SELECT value FROM meta WHERE key = 'schema_version'")).toEqual({ value: String(SCHEMA_VERSION) });
    second.close();
  });

  it("opens in WAL mode with synchronous NORMAL and a busy timeout, creating its directory", () => {
    const db = openBetterSqlite3(join(root, "deep", "er", "x.sqlite"));
    expect(db.get("PRAGMA journal_mode")).toEqual({ journal_mode: "wal" });
    expect(db.get("PRAGMA synchronous")).toEqual({ synchronous: 1 });
    expect(db.get("PRAGMA busy_timeout")).toEqual({ timeout: 5000 });
    db.close();
  });

  it("refuses a database from a newer schema version", () => {
    const db = openBetterSqlite3(freshPath());
    createSqlRunStore(db);
    db.run("UPDATE meta SET value = ? WHERE key = 'schema_version'", [String(SCHEMA_VERSION + 1)]);
    expect(() => createSqlRunStore(db)).toThrow(`Database schema version ${SCHEMA_VERSION + 1} is newer than this build supports (${SCHEMA_VERSION})`);
    db.close();
  });

  it("rolls back a transaction that throws, and runs nested calls inside the outer one", () => {
    const db = openBetterSqlite3(freshPath());
    db.exec("CREATE TABLE t (v INTEGER)");
    expect(() =>
      db.transaction(() => {
        db.run("INSERT INTO t VALUES (?)", [1]);
        db.transaction(() => db.run("INSERT INTO t VALUES (?)", [2]));
        throw new Error("boom");
      }),
    ).toThrow("boom");
    expect(db.all("SELECT v FROM t")).toEqual([]);
    expect(db.transaction(() => db.transaction(() => (db.run("INSERT INTO t VALUES (?)", [3]), "done")))).toBe("done");
    expect(db.all("SELECT v FROM t")).toEqual([{ v: 3 }]);
    db.close();
  });

  it("openLocalDatabase picks better-sqlite3 on Node 20 and uses <dataDir>/glowback.sqlite", async () => {
    const dataDir = join(root, "local-data");
    const db = await openLocalDatabase(dataDir);
    await createSqlRunStore(db).createRun(runRecord("local", at(0)), stateDraft("queued", at(0)));
    db.close();
    const again = openBetterSqlite3(join(dataDir, DATABASE_FILE));
    expect(await createSqlRunStore(again).lastEventId("local")).toBe(1);
    again.close();
    expect(process.versions.node.split(".")[0]).toBe("20");
  });
});
