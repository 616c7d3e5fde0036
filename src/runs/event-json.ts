/**
 * The JSON text of a stream event, built once per event object. Live delivery hands the same
 * event objects (the hub's ring) to every subscriber of a run, so a run followed by N sockets
 * serialises each event once instead of N times.
 */
import type { StreamEvent } from "./stream-protocol.ts";

const texts = new WeakMap<StreamEvent, string>();

/** `JSON.stringify(event)`, memoised per object (events are never mutated once stored). */
export function eventJson(event: StreamEvent): string {
  let text = texts.get(event);
  if (text === undefined) {
    text = JSON.stringify(event);
    texts.set(event, text);
  }
  return text;
}
