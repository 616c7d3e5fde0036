/**
 * `streamOptimization` / `optimizationEvents`: an optimisation's event stream over WebSocket, with
 * the run helper's resume, de-duplication and gap repair. It ends when the server closes normally
 * after a terminal `state` event: a resumed optimisation's log continues after its `cancelled`.
 */
import type { OptimizationEvent } from "../runs/optimizations/optimization-types.ts";
import type { EventStream } from "./event-stream.ts";
import { openEventStream } from "./event-stream.ts";
import { iterateEvents } from "./run-events.ts";
import { optimizationStreamUrl } from "./stream-url.ts";
import type { RunStreamOptions } from "./stream-types.ts";

export type { OptimizationEvent };

/** Options of `streamOptimization`: those of `streamRun`, with `optimizationId` for `runId`. */
export interface OptimizationStreamOptions extends Omit<RunStreamOptions, "runId" | "onEvent"> {
  optimizationId: string;
  /** Every event, in `event_id` order, exactly once. */
  onEvent?(event: OptimizationEvent): void;
}

/** A running optimisation subscription; `done` resolves with the final terminal `state` event. */
export type OptimizationStream = EventStream<OptimizationEvent>;

/** Opens the stream and keeps it going until the final terminal event, an error, an abort or `close()`. */
export function streamOptimization(options: OptimizationStreamOptions): OptimizationStream {
  return openEventStream<OptimizationEvent>({
    ...options,
    url: (lastEventId) => optimizationStreamUrl(options.baseUrl, options.optimizationId, lastEventId, options.apiKey),
    noun: "optimization",
    endOnTerminalEvent: false,
  });
}

/** Yields every event of the optimisation once, in order; errors (`RunStreamError`) are thrown from the loop. */
export function optimizationEvents(options: Omit<OptimizationStreamOptions, "onEvent">): AsyncIterable<OptimizationEvent> {
  return iterateEvents<OptimizationEvent>((onEvent) => streamOptimization({ ...options, onEvent }));
}
