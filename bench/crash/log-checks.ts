/**
 * Checks of a finished run's event log (API spec §5) that return findings instead of throwing,
 * so a script can report every problem of every run at once.
 */
import type { WireEvent } from "./api-client.ts";
import { TERMINAL_STATES } from "./api-client.ts";
import { RESUMED_MESSAGE } from "../../src/runs/run-session.ts";

/** `payload.progress` of the progress events, in log order. */
export function progressValues(events: readonly WireEvent[]): number[] {
  return events.filter((e) => e.type === "progress").map((e) => Number(e.payload.progress));
}

/**
 * Problems of the whole log of `runId`, which must have completed: ids 1..N without gap or
 * repeat, states exactly queued → running → completed (one terminal state, last), progress
 * strictly increasing up to exactly 1, followed only by resume log lines and the terminal event. Empty when all is well.
 */
export function completedLogProblems(events: readonly WireEvent[], runId: string): string[] {
  const problems: string[] = [];
  const at = (i: number) => events[i];
  const firstBadId = events.findIndex((e, i) => e.event_id !== i + 1);
  if (firstBadId >= 0) problems.push(`event #${firstBadId + 1} has id ${at(firstBadId).event_id}`);
  if (events.some((e) => e.run_id !== runId)) problems.push("an event of another run");
  const states = events.filter((e) => e.type === "state").map((e) => String(e.payload.state));
  if (states.join(",") !== "queued,running,completed") problems.push(`states ${states.join(",")}`);
  const terminals = events.filter((e) => e.type === "state" && TERMINAL_STATES.includes(String(e.payload.state)));
  if (terminals.length !== 1) problems.push(`${terminals.length} terminal events`);
  const last = events[events.length - 1];
  if (last?.type !== "state" || last.payload.state !== "completed") problems.push(`last event ${last?.type}/${String(last?.payload.state)}`);
  // A kill after progress 1 was stored but before `completed` (while the result is stored)
  // leaves a resume log line between the two: progress reached 1 before completed, as §5 asks.
  const lastProgress = events.findLastIndex((e) => e.type === "progress");
  const between = events.slice(lastProgress + 1, -1);
  if (lastProgress < 0 || events[lastProgress].payload.progress !== 1) problems.push("last progress is not 1");
  else if (between.some((e) => e.type !== "log" || e.payload.message !== RESUMED_MESSAGE)) problems.push(`${between.map((e) => e.type).join(",")} between progress 1 and the end`);
  const progress = progressValues(events);
  const backwards = progress.findIndex((p, i) => i > 0 && !(p > progress[i - 1]));
  if (backwards > 0) problems.push(`progress ${progress[backwards - 1]} then ${progress[backwards]}`);
  return problems.map((p) => `${runId}: ${p}`);
}
