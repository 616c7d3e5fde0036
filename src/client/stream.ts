/**
 * The run stream helper for browsers, Node and Deno: subscribes to a run's events over the
 * WebSocket stream (API spec §5), resumes with `last_event_id` after a dropped connection, delivers
 * every event exactly once in `event_id` order, and ends on the terminal `state` event.
 * Host-neutral: no host imports, so it bundles for the browser.
 */
export type {
  ReconnectOptions, RunEvent, RunStream, RunStreamErrorKind, RunStreamOptions, RunStreamState, WebSocketConstructorLike, WebSocketLike,
} from "./stream-types.ts";
export { RunStreamError } from "./stream-types.ts";
export { streamRun } from "./run-stream.ts";
export { runEvents } from "./run-events.ts";
export { optimizationStreamUrl, runStreamUrl } from "./stream-url.ts";
export { optimizationEvents, streamOptimization } from "./optimization-stream.ts";
export type { OptimizationEvent, OptimizationStream, OptimizationStreamOptions } from "./optimization-stream.ts";
