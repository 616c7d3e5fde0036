/**
 * The store contract inside workerd: the SQL stores over a Durable Object's SQLite storage, one
 * fresh object per check.
 */
import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createSqlDatasetStore } from "../../../src/runs/sql/sql-dataset-store.ts";
import { createSqlRunStore } from "../../../src/runs/sql/sql-run-store.ts";
import { durableObjectSqlDriver } from "../../../src/runtime/worker/durable-object-sql-driver.ts";
import { CONTRACT_CHECKS } from "../../runs/contract/contract.ts";
import { at, progressDraft, runRecord, stateDraft } from "../../runs/contract/fixtures.ts";

const freshObject = () => env.RUNS.get(env.RUNS.newUniqueId());

describe("SQL stores over Durable Object storage satisfy the store contract", () => {
  for (const check of CONTRACT_CHECKS) {
    it(check.name, () =>
      runInDurableObject(freshObject(), async (_instance, state) => {
        const driver = durableObjectSqlDriver(state.storage);
        await check.run({ runs: createSqlRunStore(driver), datasets: createSqlDatasetStore(driver) });
      }),
    );
  }
});

describe("Durable Object SQL driver", () => {
  it("keeps the event log across separate entries into the same object", async () => {
    const stub = freshObject();
    await runInDurableObject(stub, async (_instance, state) => {
      const runs = createSqlRunStore(durableObjectSqlDriver(state.storage));
      await runs.createRun(runRecord("do-run", at(0)), stateDraft("queued", at(0)));
      await runs.appendEvents("do-run", [progressDraft(1)]);
    });
    const ids = await runInDurableObject(stub, async (_instance, state) => {
      const runs = createSqlRunStore(durableObjectSqlDriver(state.storage));
      const next = await runs.appendEvents("do-run", [progressDraft(2)]);
      return { next: next.map((e) => e.event_id), last: await runs.lastEventId("do-run") };
    });
    expect(ids).toEqual({ next: [3], last: 3 });
  });

  it("returns blobs as Uint8Array and rolls back a throwing transaction", async () => {
    const result = await runInDurableObject(freshObject(), (_instance, state) => {
      const driver = durableObjectSqlDriver(state.storage);
      driver.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, b BLOB)");
      const bytes = new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      driver.run("INSERT INTO t (id, b) VALUES (?, ?)", [1, bytes.subarray(2, 6)]);
      let message = "";
      try {
        driver.transaction(() => {
          driver.run("INSERT INTO t (id, b) VALUES (?, ?)", [2, bytes]);
          driver.transaction(() => driver.run("INSERT INTO t (id, b) VALUES (?, ?)", [3, bytes]));
          throw new Error("boom");
        });
      } catch (error) {
        message = (error as Error).message;
      }
      const row = driver.get<{ b: Uint8Array }>("SELECT b FROM t WHERE id = ?", [1]);
      return {
        isUint8Array: row?.b instanceof Uint8Array,
        bytes: [...(row?.b ?? [])],
        ids: driver.all<{ id: number }>("SELECT id FROM t ORDER BY id").map((r) => r.id),
        message,
        missing: driver.get("SELECT id FROM t WHERE id = ?", [42]) ?? null,
      };
    });
    expect(result).toEqual({ isUint8Array: true, bytes: [2, 3, 4, 5], ids: [1], message: "boom", missing: null });
  });
});
