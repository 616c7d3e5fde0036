/**
 * Results in SQL: the summary JSON split into parts (a summary can exceed the 2 MB value limit of
 * Durable Object storage) and each section's chunks, one row per chunk.
 */
import type { Pace } from "../../engine/index.ts";
import { SlicePacer } from "../../engine/index.ts";
import type { ResultParts, ResultSection } from "../run-store.ts";
import type { SqlDriver } from "./sql-driver.ts";

/**
 * UTF-16 code units per summary part: at most 3 UTF-8 bytes each, so a part stays ≤ 384 KiB,
 * well inside the ≤ 512 KiB budget per stored value.
 */
export const SUMMARY_PART_CHARS = 128 * 1024;

/** Splits `text` into parts of at most `size` (≥ 2) code units, never between the halves of a surrogate pair. */
export function splitText(text: string, size: number): string[] {
  if (!Number.isInteger(size) || size < 2) throw new RangeError(`Part size must be an integer of at least 2, got ${size}`);
  const parts: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(start + size, text.length);
    const last = text.charCodeAt(end - 1);
    // A lone surrogate cannot be stored as text: keep the pair together in the next part.
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    parts.push(text.slice(start, end));
    start = end;
  }
  return parts.length > 0 ? parts : [""];
}

/**
 * Chunk text (UTF-16 code units, ≈ bytes for JSON) written per transaction by
 * {@link writeResultInSlices}. SQLite's cost is mostly in COMMIT, which writes the transaction's
 * pages to the WAL (~4 ms per MB here), so a bound on bytes bounds the slice.
 */
export const SLICE_CHARS = 2 * 1024 * 1024;

/** Replaces the stored result of `runId` with `parts`. Call inside a transaction. */
export function writeResult(driver: SqlDriver, runId: string, parts: ResultParts): void {
  clearResult(driver, runId);
  const rows = chunkRows(parts);
  for (const row of rows) insertChunk(driver, runId, row);
  insertSummary(driver, runId, parts.summaryJson);
}

/**
 * Replaces the stored result of `runId` with `parts` in several transactions, yielding through
 * `pace` between them: the old result is deleted first (after `check`, which may throw to stop
 * the write), then the chunks are written a slice at a time, and the summary last — so a
 * reader that finds the summary finds every chunk. Without `yieldControl` it is one transaction.
 */
export async function writeResultInSlices(driver: SqlDriver, runId: string, parts: ResultParts, pace: Pace, check: () => void): Promise<void> {
  if (pace.yieldControl === undefined) {
    driver.transaction(() => {
      check();
      writeResult(driver, runId, parts);
    });
    return;
  }
  driver.transaction(() => {
    check();
    clearResult(driver, runId);
  });
  const rows = chunkRows(parts);
  const pacer = new SlicePacer(pace);
  let next = 0;
  while (next < rows.length) {
    await pacer.pause();
    driver.transaction(() => {
      let chars = 0;
      do {
        chars += rows[next].chunk.length;
        insertChunk(driver, runId, rows[next++]);
      } while (next < rows.length && chars < SLICE_CHARS && !pacer.due());
    });
  }
  await pacer.pause();
  driver.transaction(() => insertSummary(driver, runId, parts.summaryJson));
}

type ChunkRow = { section: string; idx: number; chunk: string };

function chunkRows(parts: ResultParts): ChunkRow[] {
  return Object.entries(parts.sections).flatMap(([section, { chunks }]) => chunks.map((chunk, idx) => ({ section, idx, chunk })));
}

function clearResult(driver: SqlDriver, runId: string): void {
  driver.run("DELETE FROM result_summary_chunks WHERE run_id = ?", [runId]);
  driver.run("DELETE FROM result_chunks WHERE run_id = ?", [runId]);
}

function insertChunk(driver: SqlDriver, runId: string, row: ChunkRow): void {
  driver.run("INSERT INTO result_chunks (run_id, section, idx, chunk_json) VALUES (?, ?, ?, ?)", [runId, row.section, row.idx, row.chunk]);
}

function insertSummary(driver: SqlDriver, runId: string, summaryJson: string): void {
  splitText(summaryJson, SUMMARY_PART_CHARS).forEach((part, idx) => {
    driver.run("INSERT INTO result_summary_chunks (run_id, idx, part) VALUES (?, ?, ?)", [runId, idx, part]);
  });
}

/** The stored summary JSON of `runId`, or null. */
export function readSummary(driver: SqlDriver, runId: string): string | null {
  const rows = driver.all<{ part: string }>("SELECT part FROM result_summary_chunks WHERE run_id = ? ORDER BY idx", [runId]);
  return rows.length > 0 ? rows.map((r) => r.part).join("") : null;
}

/** Chunks `[from, to)` of a section, in order. */
export function readChunks(driver: SqlDriver, runId: string, section: ResultSection, from: number, to: number): string[] {
  const rows = driver.all<{ chunk_json: string }>(
    "SELECT chunk_json FROM result_chunks WHERE run_id = ? AND section = ? AND idx >= ? AND idx < ? ORDER BY idx",
    [runId, section, from, to],
  );
  return rows.map((r) => r.chunk_json);
}
