/**
 * Results in SQL: the summary JSON split into parts (a summary can exceed the 2 MB value limit of
 * Durable Object storage) and each section's chunks, one row per chunk.
 */
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

/** Replaces the stored result of `runId` with `parts`. Call inside a transaction. */
export function writeResult(driver: SqlDriver, runId: string, parts: ResultParts): void {
  driver.run("DELETE FROM result_summary_chunks WHERE run_id = ?", [runId]);
  driver.run("DELETE FROM result_chunks WHERE run_id = ?", [runId]);
  splitText(parts.summaryJson, SUMMARY_PART_CHARS).forEach((part, idx) => {
    driver.run("INSERT INTO result_summary_chunks (run_id, idx, part) VALUES (?, ?, ?)", [runId, idx, part]);
  });
  for (const [section, { chunks }] of Object.entries(parts.sections)) {
    chunks.forEach((chunk, idx) => {
      driver.run("INSERT INTO result_chunks (run_id, section, idx, chunk_json) VALUES (?, ?, ?, ?)", [runId, section, idx, chunk]);
    });
  }
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
