/**
 * Waits until an optimisation started through the API is `completed`: over its WebSocket stream
 * (API spec §5: replay from `last_event_id=0`, close 1000 after the terminal event), or by polling
 * its status. Anything else (failed, cancelled, a gap in the events, a timeout) throws.
 */
import WebSocket from "ws";
import type { ApiTarget } from "./api-client.ts";
import { getOptimization } from "./api-client.ts";

/** How to learn that an optimisation finished. */
export type WaitMode = "stream" | "poll";

/** What the wait observed: events received (stream) or status requests made (poll). */
export interface CompletionSeen {
  mode: WaitMode;
  /** Stream: frames received; poll: status requests made. */
  count: number;
  /** Stream: `trial` events received; poll: `completed_trials` of the final status. */
  trials: number;
}

const POLL_INTERVAL_MS = 20;
const TERMINAL = new Set(["completed", "failed", "cancelled"]);

/** Resolves once the optimisation is `completed`, via `mode`; rejects after `timeoutMs`. */
export function awaitCompletion(target: ApiTarget, id: string, mode: WaitMode, timeoutMs: number): Promise<CompletionSeen> {
  return mode === "stream" ? viaStream(target, id, timeoutMs) : viaPolling(target, id, timeoutMs);
}

interface StreamFrame {
  event_id: number;
  type: string;
  payload: { state?: string; error?: string };
}

function viaStream(target: ApiTarget, id: string, timeoutMs: number): Promise<CompletionSeen> {
  const url = `${target.baseUrl.replace(/^http/, "ws")}/v1/optimizations/${id}/stream?last_event_id=0`;
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers: { "X-API-Key": target.apiKey }, perMessageDeflate: false });
    const frames: StreamFrame[] = [];
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new Error(`stream of ${id} not closed after ${timeoutMs} ms (${frames.length} frames)`));
    }, timeoutMs);
    ws.on("message", (data) => frames.push(JSON.parse(String(data)) as StreamFrame));
    ws.on("close", (code) => {
      clearTimeout(timer);
      const last = frames.at(-1);
      const problems: string[] = [];
      if (code !== 1000) problems.push(`close ${code}`);
      if (last?.type !== "state" || last.payload.state !== "completed") problems.push(`last event ${last?.type}/${last?.payload.state} ${last?.payload.error ?? ""}`);
      if (!frames.every((f, k) => f.event_id === k + 1)) problems.push(`event ids not 1..${frames.length} in order`);
      if (problems.length > 0) reject(new Error(`stream of ${id}: ${problems.join("; ")}`));
      else resolve({ mode: "stream", count: frames.length, trials: frames.filter((f) => f.type === "trial").length });
    });
    ws.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

async function viaPolling(target: ApiTarget, id: string, timeoutMs: number): Promise<CompletionSeen> {
  const deadline = performance.now() + timeoutMs;
  for (let requests = 1; ; requests++) {
    const status = await getOptimization(target, id);
    if (status.state === "completed") return { mode: "poll", count: requests, trials: status.completed_trials };
    if (TERMINAL.has(status.state)) throw new Error(`optimization ${id} ended ${status.state}: ${status.error ?? ""}`);
    if (performance.now() > deadline) throw new Error(`optimization ${id} still ${status.state} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, POLL_INTERVAL_MS));
  }
}
