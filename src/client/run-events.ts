/** The async-iterator form of the stream helpers. */
import type { EventStream } from "./event-stream.ts";
import { streamRun } from "./run-stream.ts";
import type { RunEvent, RunStreamOptions } from "./stream-types.ts";

/**
 * Yields every event of the run once, in order, ending after the terminal `state` event. Errors of
 * the stream (`RunStreamError`) are thrown from the loop; leaving the loop early closes the stream.
 */
export function runEvents(options: Omit<RunStreamOptions, "onEvent">): AsyncIterable<RunEvent> {
  return iterateEvents((onEvent) => streamRun({ ...options, onEvent }));
}

/** Turns a stream opened by `open` (which must pass every event to `onEvent`) into an async iterable. */
export function iterateEvents<E>(open: (onEvent: (event: E) => void) => EventStream<E>): AsyncIterable<E> {
  return {
    [Symbol.asyncIterator](): AsyncIterator<E> {
      const queue: E[] = [];
      let wake: (() => void) | null = null;
      let ended = false;
      let failure: unknown = null;
      const stream = open((event) => {
        queue.push(event);
        wake?.();
      });
      stream.done.then(
        () => {
          ended = true;
          wake?.();
        },
        (error: unknown) => {
          ended = true;
          failure = error;
          wake?.();
        },
      );
      return {
        async next() {
          while (queue.length === 0 && !ended) await new Promise<void>((resolve) => (wake = resolve));
          wake = null;
          if (queue.length > 0) return { value: queue.shift()!, done: false };
          if (failure !== null) throw failure;
          return { value: undefined, done: true };
        },
        async return() {
          stream.close();
          return { value: undefined, done: true };
        },
      };
    },
  };
}
