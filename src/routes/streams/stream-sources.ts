/**
 * What the in-process stream gateway needs of each kind of stream target (runs, optimisations):
 * whether an id exists, how to subscribe to its event log, and the close reasons it uses.
 */
import type { OptimizationStatus } from "../../runs/optimizations/optimization-types.ts";
import type { RunStatusReader } from "../../runs/run-store.ts";
import { RUN_NOT_FOUND_REASON } from "../../runs/stream-protocol.ts";
import type { BackpressureOptions, Subscriber, SubscriberSink } from "../../runs/subscriber.ts";

/**
 * Opens subscriptions to one kind's event logs (runs: `RunService`); null for an unknown id. The
 * subscriber sends the backlog after `afterId`, then live events, and ends at a terminal `state`
 * event only when it is the last of the log.
 */
export interface StreamSubscriptions {
  subscribe(id: string, afterId: number, sink: SubscriberSink, backpressure: BackpressureOptions): Promise<Subscriber | null>;
}

/** Reads an optimisation's status (structurally `OptimizationsApi.getOptimization`). */
export interface OptimizationStatusReader {
  getOptimization(id: string): Promise<OptimizationStatus | null>;
}

/** Reason of the 4404 close (and message of the SSE 404) for an unknown optimisation. */
export const OPTIMIZATION_NOT_FOUND_REASON = "Optimization not found";
/** Reason of the 1000 close after a run's terminal event. */
export const RUN_FINISHED_REASON = "Run finished";
/** Reason of the 1000 close after an optimisation's terminal event. */
export const OPTIMIZATION_FINISHED_REASON = "Optimization finished";

/** One kind's source, as the gateway uses it. */
export interface StreamKindSource {
  exists(id: string): Promise<boolean>;
  /** Absent: the kind's streams are not served here (answered as unknown). */
  subscriptions?: StreamSubscriptions;
  notFoundReason: string;
  finishedReason: string;
}

/** The runs' source over their status store. */
export function backtestStreamSource(store: RunStatusReader, subscriptions?: StreamSubscriptions): StreamKindSource {
  return {
    exists: async (id) => (await store.getStatus(id)) !== null,
    subscriptions,
    notFoundReason: RUN_NOT_FOUND_REASON,
    finishedReason: RUN_FINISHED_REASON,
  };
}

/** The optimisations' source; without `statuses` every id is unknown. */
export function optimizationStreamSource(statuses?: OptimizationStatusReader, subscriptions?: StreamSubscriptions): StreamKindSource {
  return {
    exists: async (id) => (statuses ? (await statuses.getOptimization(id)) !== null : false),
    subscriptions,
    notFoundReason: OPTIMIZATION_NOT_FOUND_REASON,
    finishedReason: OPTIMIZATION_FINISHED_REASON,
  };
}
