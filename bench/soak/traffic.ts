/**
 * The soak's traffic loops, each closed (one request at a time) and stopping at the deadline:
 * creators that poll their run to the end and read its result, a streaming creator whose runs
 * the subscribers follow, a lister, a bad-key prober, and the WebSocket subscribers.
 */
import { checkFollowed, followRun } from "./follow-run.ts";
import type { SoakContext } from "./soak-context.ts";
import { smallSoakBody, streamSoakBody } from "./soak-bodies.ts";

const TERMINAL = new Set(["completed", "failed", "cancelled"]);
const POLL_EVERY_MS = 25;
const FOLLOW_TIMEOUT_MS = 60_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function create(ctx: SoakContext, body: Record<string, unknown>): Promise<string | null> {
  const init = { method: "POST", headers: ctx.headers({ "Content-Type": "application/json" }), body: JSON.stringify(body) };
  const { status, text } = await ctx.book.time("create", () => fetch(`${ctx.baseUrl}/v1/backtests`, init));
  return status === 201 ? String((JSON.parse(text) as { run_id: string }).run_id) : null;
}

/** Polls a run until it ends (also after the deadline, so no run is left half-read). */
async function pollToEnd(ctx: SoakContext, runId: string): Promise<string> {
  for (;;) {
    const { status, text } = await ctx.book.time("poll", () => fetch(`${ctx.baseUrl}/v1/backtests/${runId}`, { headers: ctx.headers() }));
    const state = status === 200 ? String((JSON.parse(text) as { state: string }).state) : "";
    if (TERMINAL.has(state)) return state;
    await sleep(POLL_EVERY_MS);
  }
}

/** Creates small runs, polls each to its end and reads its result. */
export async function creatorLoop(ctx: SoakContext, first: number, step: number): Promise<void> {
  for (let n = first; ctx.live(); n += step) {
    try {
      const runId = await create(ctx, smallSoakBody(n));
      if (runId === null) {
        await sleep(100);
        continue;
      }
      const state = await pollToEnd(ctx, runId);
      if (state !== "completed") ctx.problems.push(`${runId}: ended ${state}`);
      await ctx.book.time("result", () => fetch(`${ctx.baseUrl}/v1/backtests/${runId}/results`, { headers: ctx.headers() }));
    } catch (error) {
      ctx.problems.push(`creator: ${(error as Error).message}`);
      await sleep(100);
    }
  }
}

/** Creates one minute-bar run at a time for the subscribers, waiting for each to end. */
export async function streamCreatorLoop(ctx: SoakContext): Promise<void> {
  for (let n = 0; ctx.live(); n++) {
    try {
      const runId = await create(ctx, streamSoakBody(n));
      if (runId === null) {
        await sleep(100);
        continue;
      }
      ctx.addStreamRun(runId);
      await pollToEnd(ctx, runId);
    } catch (error) {
      ctx.problems.push(`stream creator: ${(error as Error).message}`);
      await sleep(100);
    }
  }
}

/** Reads the newest page of the run list every 100 ms. */
export async function listerLoop(ctx: SoakContext): Promise<void> {
  while (ctx.live()) {
    await ctx.book.time("list", () => fetch(`${ctx.baseUrl}/v1/backtests?limit=20`, { headers: ctx.headers() })).catch(() => undefined);
    await sleep(100);
  }
}

const BAD_CREDENTIALS: Array<Record<string, string>> = [
  { "X-API-Key": "not-the-key" }, { Authorization: "Bearer not-the-key" }, {}, { Authorization: "Basic Zm9vOmJhcg==" },
];

/** Sends wrong, missing and wrong-scheme credentials; any answer but 401/429 is a finding. */
export async function badKeyLoop(ctx: SoakContext): Promise<void> {
  for (let n = 0; ctx.live(); n++) {
    const headers = BAD_CREDENTIALS[n % BAD_CREDENTIALS.length];
    const { status } = await ctx.book.time("bad_key", () => fetch(`${ctx.baseUrl}/v1/backtests?limit=1`, { headers })).catch(() => ({ status: 0 }));
    if (status >= 200 && status < 400) ctx.badKeyAllowed++;
    await sleep(5);
  }
}

/** One subscriber: follows the newest stream run it has not followed yet, checks it against the log, repeats. */
export async function subscriberLoop(ctx: SoakContext): Promise<void> {
  const followed = new Set<string>();
  while (ctx.live()) {
    const runId = [...ctx.streamRuns].reverse().find((id) => !followed.has(id));
    if (runId === undefined) {
      await sleep(50);
      continue;
    }
    followed.add(runId);
    const seen = await followRun(ctx.baseUrl, runId, ctx.apiKey, FOLLOW_TIMEOUT_MS);
    ctx.book.record("ws_connect", seen.connectMs, seen.connectMs >= 0 ? 101 : 0);
    ctx.follows++;
    ctx.frames += seen.ids.length;
    ctx.reconnects += seen.reconnects;
    try {
      const { lost, problems } = checkFollowed(seen, await ctx.logIds(runId));
      ctx.lostEvents += lost;
      ctx.problems.push(...problems);
    } catch (error) {
      ctx.problems.push(`subscriber: ${(error as Error).message}`);
    }
  }
}
