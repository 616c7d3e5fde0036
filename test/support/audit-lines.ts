/** Reading a server's JSON audit lines (API spec §6) from its captured stdout. */
import { createHash } from "node:crypto";

/** One parsed JSON log line. */
export type AuditLine = Record<string, unknown>;

/** The JSON objects among `lines`; other output (e.g. wrangler's own) is skipped. */
export function parseJsonLines(lines: readonly string[]): AuditLine[] {
  const parsed: AuditLine[] = [];
  for (const line of lines) {
    const start = line.indexOf("{");
    if (start < 0) continue;
    try {
      const value: unknown = JSON.parse(line.slice(start));
      if (value !== null && typeof value === "object" && !Array.isArray(value)) parsed.push(value as AuditLine);
    } catch {
      // not a JSON line
    }
  }
  return parsed;
}

/** Lines of `event` for one request id. */
export function linesFor(lines: readonly string[], event: string, requestId: string): AuditLine[] {
  return parseJsonLines(lines).filter((line) => line.event === event && line.request_id === requestId);
}

/** `key_id` of a key: the first 12 hex characters of its SHA-256. */
export function keyIdOf(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex").slice(0, 12);
}

/** Loopback addresses a local client may be reported as. */
export const LOOPBACK_ADDRESSES = ["127.0.0.1", "::1"];

/** Polls `read()` until a line of `event` for `requestId` appears; rejects after `timeoutMs`. */
export async function waitForAuditLine(read: () => readonly string[], event: string, requestId: string, timeoutMs = 5_000): Promise<AuditLine> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = linesFor(read(), event, requestId)[0];
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no "${event}" line for request ${requestId}; output:\n${read().join("\n")}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
