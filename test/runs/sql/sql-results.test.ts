import { describe, expect, it } from "vitest";
import type { ResultParts, RunStore } from "../../../src/runs/run-store.ts";
import type { SqlDriver } from "../../../src/runs/sql/sql-driver.ts";
import { SLICE_CHARS, SUMMARY_PART_CHARS, splitText } from "../../../src/runs/sql/sql-results.ts";
import { createSqlRunStore } from "../../../src/runs/sql/sql-run-store.ts";
import { openBetterSqlite3 } from "../../../src/runtime/sqlite/better-sqlite3-driver.ts";
import { at, resultParts, runRecord, stateDraft } from "../contract/fixtures.ts";

describe("splitText", () => {
  it("splits into parts of at most `size` code units that join back to the text", () => {
    expect(splitText("abcdefg", 3)).toEqual(["abc", "def", "g"]);
    expect(splitText("abcdef", 3)).toEqual(["abc", "def"]);
    expect(splitText("", 3)).toEqual([""]);
  });

  it("never separates the halves of a surrogate pair", () => {
    expect(splitText("ab😀cd", 3)).toEqual(["ab", "😀c", "d"]);
    expect(splitText("😀😀x", 2)).toEqual(["😀", "😀", "x"]);
    expect(() => splitText("😀", 1)).toThrow(new RangeError("Part size must be an integer of at least 2, got 1"));
  });

  it("keeps every part of a summary within 512 KiB of UTF-8", () => {
    const text = "€".repeat(SUMMARY_PART_CHARS * 2 + 5);
    const parts = splitText(text, SUMMARY_PART_CHARS);
    expect(parts.map((p) => p.length)).toEqual([SUMMARY_PART_CHARS, SUMMARY_PART_CHARS, 5]);
    expect(Math.max(...parts.map((p) => new TextEncoder().encode(p).length))).toBe(384 * 1024);
  });
});

describe("writeResultInSlices", () => {
  /** A SQLite store whose transactions are counted and whose chunk inserts are tallied per transaction. */
  function counted() {
    const db = openBetterSqlite3(":memory:");
    const inner = db.transaction;
    const perTransaction: number[] = [];
    const driver: SqlDriver = {
      ...db,
      transaction: <T>(fn: () => T): T => {
        perTransaction.push(0);
        return inner(fn);
      },
      run: (sql, params) => {
        if (sql.startsWith("INSERT INTO result_chunks")) perTransaction[perTransaction.length - 1]++;
        db.run(sql, params);
      },
    };
    return { db, driver, perTransaction, store: createSqlRunStore(driver) };
  }

  async function withRun(store: RunStore, runId: string) {
    await store.createRun(runRecord(runId, at(0)), stateDraft("queued", at(0)));
  }

  /** Chunks of about 300 KB, so SLICE_CHARS holds seven of them. */
  function bigParts(count: number): ResultParts {
    const parts = resultParts('{"v":"big"}', { trades: count });
    parts.sections.trades.chunks = parts.sections.trades.chunks.map((c, i) => JSON.stringify([{ i, pad: "x".repeat(300_000) }]));
    return parts;
  }

  it("without yieldControl writes the result in one transaction", async () => {
    const { db, perTransaction, store } = counted();
    await withRun(store, "one");
    perTransaction.length = 0;
    await store.putResult("one", resultParts('{"v":1}', { trades: 20, logs: 2 }));
    expect(perTransaction).toEqual([22]);
    expect(await store.getResultSummary("one")).toBe('{"v":1}');
    db.close();
  });

  it("with a clock, ends a transaction when the slice is used up and yields between transactions", async () => {
    const { db, perTransaction, store } = counted();
    await withRun(store, "sliced");
    perTransaction.length = 0;
    let clock = 0;
    let yields = 0;
    // Each reading advances 8 ms; a slice starts at one reading and ends at the first check ≥ 20 ms
    // later: 2 rows in the first slice (its first check is the pause before it), then 3 per slice.
    const pace = { now: () => (clock += 8), yieldControl: async () => void yields++ };
    const parts = resultParts('{"v":2}', { trades: 10 });
    await store.putResult("sliced", parts, pace);
    // Clear, the chunk slices, then the summary (the last slice had time left: no yield before it).
    expect(perTransaction).toEqual([0, 2, 3, 3, 2, 0]);
    expect(yields).toBe(3);
    expect(await store.getResultChunks("sliced", "trades", 0, 20)).toEqual(parts.sections.trades.chunks);
    expect(await store.getResultSummary("sliced")).toBe('{"v":2}');
    db.close();
  });

  it("bounds the chunk text of one transaction by SLICE_CHARS", async () => {
    const { db, perTransaction, store } = counted();
    await withRun(store, "bytes");
    perTransaction.length = 0;
    const parts = bigParts(16);
    // A clock that never advances: only the byte bound ends a transaction.
    await store.putResult("bytes", parts, { now: () => 0, yieldControl: async () => undefined });
    const per = Math.ceil(SLICE_CHARS / parts.sections.trades.chunks[0].length);
    expect(per).toBe(7);
    expect(perTransaction).toEqual([0, 7, 7, 2, 0]);
    expect(await store.getResultChunks("bytes", "trades", 0, 20)).toEqual(parts.sections.trades.chunks);
    db.close();
  });

  it("rejects an unknown run before deleting or writing anything", async () => {
    const { db, perTransaction, store } = counted();
    perTransaction.length = 0;
    await expect(store.putResult("nope", resultParts("{}", { trades: 2 }), { yieldControl: async () => undefined })).rejects.toThrow("Unknown run: nope");
    expect(perTransaction).toEqual([0]);
    db.close();
  });
});
