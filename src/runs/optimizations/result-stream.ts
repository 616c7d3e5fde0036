/**
 * An optimisation's result as served: the stored summary (the `OptimizationResult` without its
 * trials) with the `trials` array appended from the trial rows, read page by page, so memory per
 * request stays bounded however many trials there are. The ETag is the SHA-256 of exactly these
 * bytes, computed once at completion by feeding the same pieces to the hasher.
 */
import type { CreateHasher, OptimizationResult } from "../../engine/index.ts";
import { createSha256Hasher } from "../../engine/index.ts";
import type { OptimizationStore } from "./optimization-store.ts";
import { TRIAL_PAGE } from "./optimization-store.ts";

/** The stored summary JSON of `result`: every field but `trials`. */
export function resultSummaryJson(result: OptimizationResult): string {
  const { trials: _trials, ...summary } = result;
  return JSON.stringify(summary);
}

/** The full result JSON of `summaryJson` and the stored trials of `id`, in pieces (one per trial page). */
export async function* resultPieces(store: Pick<OptimizationStore, "listTrials">, id: string, summaryJson: string, pageSize = TRIAL_PAGE): AsyncGenerator<string, void, void> {
  const head = summaryJson.slice(0, -1);
  yield `${head}${head === "{" ? "" : ","}"trials":[`;
  for (let after = 0, first = true; ; first = false) {
    const page = await store.listTrials(id, after, pageSize);
    if (page.length > 0) yield (first ? "" : ",") + page.map((t) => JSON.stringify(t)).join(",");
    if (page.length < pageSize) break;
    after = page[page.length - 1].number;
  }
  yield "]}";
}

/** SHA-256 hex of the served result of `id` (the ETag), streamed through the hasher. */
export async function resultEtag(store: Pick<OptimizationStore, "listTrials">, id: string, summaryJson: string, createHasher: CreateHasher = createSha256Hasher): Promise<string> {
  const hasher = createHasher();
  const encoder = new TextEncoder();
  for await (const piece of resultPieces(store, id, summaryJson)) hasher.update(encoder.encode(piece));
  return hasher.digestHex();
}

/** The served result of `id` as a byte stream that reads one trial page per pull. */
export function resultBodyStream(store: Pick<OptimizationStore, "listTrials">, id: string, summaryJson: string): ReadableStream<Uint8Array> {
  const pieces = resultPieces(store, id, summaryJson);
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await pieces.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await pieces.return();
    },
  });
}
