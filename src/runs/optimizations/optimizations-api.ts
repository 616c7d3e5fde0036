/**
 * What the HTTP layer asks of the optimisation domain. In-process hosts (Node, Deno, embedding)
 * implement it with `OptimizationService`; Workers over Durable Objects. Routes see only this.
 */
import type { OptimizationRequest } from "../../engine/optimize/types.ts";
import type { CallerFacts } from "../runs-api.ts";
import type { OptimizationEvent, OptimizationListPage, OptimizationListQuery, OptimizationStatus } from "./optimization-types.ts";

/** Outcome of reading an optimisation's result. */
export type OptimizationResultLookup =
  | { kind: "not_found" }
  /** Not available: pending/running (409), or failed/cancelled (409); carries the status. */
  | { kind: "not_ready"; status: OptimizationStatus }
  /**
   * `body` streams the `OptimizationResult` JSON (every trial, read from the store page by page,
   * so memory per request stays bounded however many trials there are); `etag` is its content hash.
   */
  | { kind: "ready"; body: ReadableStream<Uint8Array>; etag: string };

/** Outcome of a cancel or resume request. */
export type OptimizationTransitionOutcome =
  | { kind: "not_found" }
  /** Not allowed from the current state: nothing changed. */
  | { kind: "conflict"; status: OptimizationStatus }
  | { kind: "done"; status: OptimizationStatus };

/** The optimisation operations behind `/v1/optimizations`. */
export interface OptimizationsApi {
  /** Stores and schedules a validated, normalised request; returns its `queued` status at once. */
  createOptimization(request: OptimizationRequest, caller: CallerFacts): Promise<OptimizationStatus>;
  getOptimization(id: string): Promise<OptimizationStatus | null>;
  listOptimizations(query: OptimizationListQuery): Promise<OptimizationListPage>;
  /** Cancels a queued or running optimisation (conflict when terminal); in-flight trials are abandoned. */
  cancelOptimization(id: string, caller: CallerFacts): Promise<OptimizationTransitionOutcome>;
  /** Resumes a cancelled or failed optimisation (conflict otherwise): back to `queued`, stored trials kept. */
  resumeOptimization(id: string, caller: CallerFacts): Promise<OptimizationTransitionOutcome>;
  optimizationResult(id: string): Promise<OptimizationResultLookup>;
  /** Stored events after `afterId` (at most `limit`), or null for an unknown optimisation. */
  optimizationEvents(id: string, afterId: number, limit: number): Promise<OptimizationEvent[] | null>;
}
