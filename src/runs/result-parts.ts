/**
 * Bounded results (issue §5): a result is stored as a bounded summary plus every section in full,
 * in chunks. The summary downsamples curves and truncates lists, and tells the client in
 * `sections` where to page the full data (`GET /v1/backtests/{id}/results/{section}`).
 */
import type { BacktestResult } from "../engine/index.ts";
import type { ResultParts, ResultSection } from "./run-store.ts";
import { RESULT_CHUNK_ITEMS, RESULT_SECTIONS } from "./run-store.ts";

/** Most points a curve keeps in the summary (first, last and each bucket's extremes). */
export const MAX_CURVE_POINTS = 2000;
/** Most items a list section keeps in the summary (the first ones). */
export const MAX_SECTION_ITEMS = 1000;
/** Largest `limit` of a section page. */
export const MAX_SECTION_PAGE = 5000;

/** What the summary says about one section. */
export interface SectionInfo {
  total: number;
  included: number;
  downsampled: boolean;
  truncated: boolean;
  href: string;
}

type Row = Record<string, unknown>;
/** Per curve: the fields whose bucket maximum (and minimum) are kept. */
const CURVES: Partial<Record<ResultSection, { max: string[]; min: string[] }>> = {
  // The deepest drawdown point of each bucket survives, so the max drawdown trough is always shown.
  equity_curve: { max: ["drawdown", "value"], min: ["value"] },
  benchmark_curve: { max: ["value"], min: ["value"] },
  exposures: { max: ["gross_exposure_pct"], min: ["gross_exposure_pct"] },
};

/** Path of a section's pages, relative to the API root. */
export function sectionHref(runId: string, section: ResultSection): string {
  return `/v1/backtests/${encodeURIComponent(runId)}/results/${section}`;
}

/**
 * Keeps the first and last point and, in each of equal index buckets, the points holding the
 * extremes of `fields`; at most `maxPoints` points, in their original order.
 */
export function downsampleCurve(points: readonly Row[], fields: { max: string[]; min: string[] }, maxPoints = MAX_CURVE_POINTS): Row[] {
  if (points.length <= maxPoints) return [...points];
  const perBucket = fields.max.length + fields.min.length;
  const buckets = Math.max(1, Math.floor((maxPoints - 2) / perBucket));
  const keep = new Set<number>([0, points.length - 1]);
  const inner = points.length - 2;
  for (let b = 0; b < buckets; b++) {
    const from = 1 + Math.floor((b * inner) / buckets);
    const to = 1 + Math.floor(((b + 1) * inner) / buckets);
    if (to <= from) continue;
    for (const field of fields.max) keep.add(extremeIndex(points, from, to, field, 1));
    for (const field of fields.min) keep.add(extremeIndex(points, from, to, field, -1));
  }
  return [...keep].sort((a, b) => a - b).map((i) => points[i]);
}

function extremeIndex(points: readonly Row[], from: number, to: number, field: string, sign: 1 | -1): number {
  let best = from;
  let bestValue = -Infinity;
  for (let i = from; i < to; i++) {
    const value = points[i][field];
    if (typeof value === "number" && value * sign > bestValue) {
      bestValue = value * sign;
      best = i;
    }
  }
  return best;
}

/**
 * Splits a result into its bounded summary and its sections' chunks (see `ResultParts`).
 * Synchronous form of {@link splitResultSteps}.
 */
export function splitResult(result: BacktestResult): ResultParts {
  const steps = splitResultSteps(result);
  let step = steps.next();
  while (!step.done) step = steps.next();
  return step.value;
}

/**
 * {@link splitResult} in steps: yields after each encoded chunk and each section, so a large
 * result (tens of MB of JSON) is encoded without holding the host's event loop (drive it with
 * the engine's `drainCooperatively`).
 */
export function* splitResultSteps(result: BacktestResult): Generator<void, ResultParts> {
  const summary: Row = { ...(result as unknown as Row) };
  const infos: Record<string, SectionInfo> = {};
  const sections = {} as ResultParts["sections"];
  for (const section of RESULT_SECTIONS) {
    const items = (result[section] ?? []) as Row[];
    const curve = CURVES[section];
    const bounded = curve ? downsampleCurve(items, curve) : items.slice(0, MAX_SECTION_ITEMS);
    summary[section] = bounded;
    infos[section] = {
      total: items.length,
      included: bounded.length,
      downsampled: curve !== undefined && bounded.length < items.length,
      truncated: curve === undefined && bounded.length < items.length,
      href: sectionHref(result.run_id, section),
    };
    const chunks: string[] = [];
    for (let i = 0; i < items.length; i += RESULT_CHUNK_ITEMS) {
      chunks.push(JSON.stringify(items.slice(i, i + RESULT_CHUNK_ITEMS)));
      yield;
    }
    sections[section] = { total: items.length, chunks };
    yield;
  }
  summary.sections = infos;
  return { summaryJson: JSON.stringify(summary), sections };
}

/** Chunk range `[from, to)` holding items `[offset, offset + limit)`. */
export function chunkRange(offset: number, limit: number): { from: number; to: number } {
  return { from: Math.floor(offset / RESULT_CHUNK_ITEMS), to: Math.ceil((offset + limit) / RESULT_CHUNK_ITEMS) };
}

/** Items `[offset, offset + limit)` out of the chunks of `chunkRange(offset, limit)`. */
export function sliceChunks(chunks: readonly string[], offset: number, limit: number): unknown[] {
  const from = Math.floor(offset / RESULT_CHUNK_ITEMS) * RESULT_CHUNK_ITEMS;
  const items = chunks.flatMap((c) => JSON.parse(c) as unknown[]);
  return items.slice(offset - from, offset - from + limit);
}
