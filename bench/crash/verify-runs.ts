/**
 * The end of the crash loop: on a last, undisturbed server every accepted run must complete with
 * the `content_hash` of a clean run of its request and a sound event log; runs the server stored
 * without the client seeing a 201 (a kill during the create) must complete too.
 */
import { RESUMED_MESSAGE } from "../../src/runs/run-session.ts";
import type { ApiClient, WireEvent } from "./api-client.ts";
import type { AcceptedRun } from "./creator.ts";
import { completedLogProblems } from "./log-checks.ts";

/** Findings of the final check. */
export interface Verification {
  /** Runs answered with 201 over all lifetimes. */
  accepted: number;
  /** Runs in the final listing. */
  stored: number;
  /** Stored runs whose 201 the client never received. */
  storedWithout201: number;
  /** Accepted runs that completed with the expected hash. */
  completedWithExpectedHash: number;
  /** Runs whose log shows at least one resume after a restart (killed while active). */
  resumedRuns: number;
  /** Resume log lines over all runs (a run killed twice while active has two). */
  resumes: number;
  /** Events read back over all runs. */
  events: number;
  /** Everything wrong; empty when the loop lost nothing. */
  problems: string[];
}

function resumeCount(events: readonly WireEvent[]): number {
  return events.filter((e) => e.type === "log" && e.payload.message === RESUMED_MESSAGE).length;
}

/** Waits for every accepted run to end, then checks every stored run. */
export async function verifyAfterCrashes(client: ApiClient, accepted: readonly AcceptedRun[], hashes: readonly string[], timeoutMs: number): Promise<Verification> {
  const deadline = Date.now() + timeoutMs;
  const problems: string[] = [];
  for (const run of accepted) {
    const status = await client.waitForTerminal(run.runId, Math.max(1, deadline - Date.now()));
    if (status.state !== "completed") problems.push(`${run.runId}: ended ${String(status.state)} (${JSON.stringify(status.error)})`);
  }
  const storedIds = await client.allRunIds();
  const byId = new Map(accepted.map((run) => [run.runId, run]));
  const stored = new Set(storedIds);
  for (const run of accepted) if (!stored.has(run.runId)) problems.push(`${run.runId}: accepted (201) but not stored`);
  let completedWithExpectedHash = 0;
  let resumedRuns = 0;
  let resumes = 0;
  let events = 0;
  for (const runId of storedIds) {
    if (!byId.has(runId)) await client.waitForTerminal(runId, Math.max(1, deadline - Date.now()));
    const log = await client.allEvents(runId);
    events += log.length;
    problems.push(...completedLogProblems(log, runId));
    const count = resumeCount(log);
    resumes += count;
    if (count > 0) resumedRuns++;
    const run = byId.get(runId);
    if (run === undefined) continue;
    const hash = await client.contentHash(runId);
    if (hash === hashes[run.bodyIndex]) completedWithExpectedHash++;
    else problems.push(`${runId}: content_hash ${hash} ≠ clean ${hashes[run.bodyIndex]} (body ${run.bodyIndex})`);
  }
  return {
    accepted: accepted.length, stored: storedIds.length, storedWithout201: storedIds.filter((id) => !byId.has(id)).length,
    completedWithExpectedHash, resumedRuns, resumes, events, problems,
  };
}
