/**
 * Reading stored results for the routes: the bounded summary with its ETag (the result's
 * `content_hash`), and pages of one section out of its chunks.
 */
import { chunkRange, sliceChunks } from "./result-parts.ts";
import type { SectionInfo } from "./result-parts.ts";
import type { ResultSection, RunStore } from "./run-store.ts";
import type { ResultLookup, SectionLookup } from "./runs-api.ts";

/** Section totals kept per run, so paging does not parse the summary on every page. */
const TOTALS_CACHE_SIZE = 64;

/** The `content_hash` of a stored summary (a top-level key of the result). */
export function contentHashOf(summaryJson: string): string {
  const marker = '"content_hash":"';
  const at = summaryJson.lastIndexOf(marker);
  if (at < 0) return "";
  const start = at + marker.length;
  return summaryJson.slice(start, summaryJson.indexOf('"', start));
}

/** Reads results of one store. */
export class ResultReader {
  private readonly totals = new Map<string, Record<string, SectionInfo>>();

  constructor(private readonly store: Pick<RunStore, "getStatus" | "getResultSummary" | "getResultChunks">) {}

  /** The bounded result, or why there is none. */
  async summary(runId: string): Promise<ResultLookup> {
    const status = await this.store.getStatus(runId);
    if (status === null) return { kind: "not_found" };
    if (status.state !== "completed") return { kind: "not_ready", status };
    const body = await this.store.getResultSummary(runId);
    if (body === null) return { kind: "not_ready", status };
    return { kind: "ready", body, etag: contentHashOf(body) };
  }

  /** Items `[offset, offset + limit)` of a section. */
  async section(runId: string, section: ResultSection, offset: number, limit: number): Promise<SectionLookup> {
    const status = await this.store.getStatus(runId);
    if (status === null) return { kind: "not_found" };
    if (status.state !== "completed") return { kind: "not_ready", status };
    const infos = await this.sectionInfos(runId);
    if (infos === null) return { kind: "not_ready", status };
    const total = infos[section]?.total ?? 0;
    const { from, to } = chunkRange(offset, limit);
    const items = offset >= total ? [] : sliceChunks(await this.store.getResultChunks(runId, section, from, to), offset, limit);
    return { kind: "ready", items, total, offset, limit };
  }

  private async sectionInfos(runId: string): Promise<Record<string, SectionInfo> | null> {
    const cached = this.totals.get(runId);
    if (cached) return cached;
    const body = await this.store.getResultSummary(runId);
    if (body === null) return null;
    const infos = (JSON.parse(body) as { sections?: Record<string, SectionInfo> }).sections ?? {};
    if (this.totals.size >= TOTALS_CACHE_SIZE) this.totals.delete(this.totals.keys().next().value as string);
    this.totals.set(runId, infos);
    return infos;
  }
}
