/**
 * Assertions on a completed run's event log (API spec §5), shared by the host and fault suites:
 * ids 1..N without gap or repeat, one `state` per transition, progress monotone and exactly 1
 * right before the single terminal `completed`.
 */
import { expect } from "vitest";
import type { WireEvent } from "./run-http.ts";

/** Progress values in log order. */
export function progressOf(events: readonly WireEvent[]): number[] {
  return events.filter((e) => e.type === "progress").map((e) => e.payload.progress as number);
}

/** Asserts that `events` is the whole log of `runId`, which completed. */
export function expectCompletedLog(events: readonly WireEvent[], runId: string): void {
  expect(events.length).toBeGreaterThan(3);
  expect(events.map((e) => e.event_id)).toEqual(events.map((_, i) => i + 1));
  for (const e of events) {
    expect(e.run_id).toBe(runId);
    expect(e.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
  }
  expect(events.filter((e) => e.type === "state").map((e) => e.payload)).toEqual([{ state: "queued" }, { state: "running" }, { state: "completed" }]);
  expect(events[0]).toMatchObject({ event_id: 1, type: "state", payload: { state: "queued" } });
  expect(events[events.length - 1]).toMatchObject({ type: "state", payload: { state: "completed" } });
  expect(events[events.length - 2]).toMatchObject({ type: "progress", payload: { progress: 1 } });
  const progress = progressOf(events);
  expect(progress.length).toBeGreaterThan(1);
  for (let i = 1; i < progress.length; i++) expect(progress[i], `progress #${i}`).toBeGreaterThan(progress[i - 1]);
  expect(Math.min(...progress)).toBeGreaterThanOrEqual(0);
}
