/**
 * One WebSocket subscriber following a run (API spec §5) from `last_event_id=0` to its terminal
 * event, reconnecting with `last_event_id` when the server sheds it with 1013.
 */
import WebSocket from "ws";

/** What a subscriber saw of one run. */
export interface Followed {
  runId: string;
  /** `event_id` of every frame over all connections, in arrival order. */
  ids: number[];
  /** `payload.state` of the last frame when it was a terminal `state` event, else null. */
  terminal: string | null;
  /** Close code of the last connection (0 when it failed without a close). */
  closeCode: number;
  /** Connections after the first (each after a 1013). */
  reconnects: number;
  /** Milliseconds from the first connect to the upgrade. */
  connectMs: number;
}

const TERMINAL = new Set(["completed", "failed", "cancelled"]);
const MAX_RECONNECTS = 20;

interface Leg {
  code: number;
  connectMs: number;
}

function connectOnce(wsBase: string, runId: string, apiKey: string, from: number, into: Followed, timeoutMs: number): Promise<Leg> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    let connectMs = -1;
    const ws = new WebSocket(`${wsBase}/v1/backtests/${runId}/stream?last_event_id=${from}`, { headers: { "X-API-Key": apiKey }, perMessageDeflate: false });
    const timer = setTimeout(() => ws.terminate(), timeoutMs);
    ws.on("upgrade", () => (connectMs = performance.now() - t0));
    ws.on("message", (data) => {
      const event = JSON.parse(String(data)) as { event_id: number; type: string; payload: { state?: string } };
      into.ids.push(event.event_id);
      into.terminal = event.type === "state" && TERMINAL.has(event.payload.state ?? "") ? (event.payload.state ?? null) : null;
    });
    ws.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, connectMs });
    });
    ws.on("error", () => undefined);
  });
}

/** Follows `runId` to its end (or `timeoutMs`); never rejects. */
export async function followRun(baseUrl: string, runId: string, apiKey: string, timeoutMs: number): Promise<Followed> {
  const wsBase = baseUrl.replace(/^http/, "ws");
  const followed: Followed = { runId, ids: [], terminal: null, closeCode: 0, reconnects: 0, connectMs: 0 };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const from = followed.ids.length === 0 ? 0 : followed.ids[followed.ids.length - 1];
    const leg = await connectOnce(wsBase, runId, apiKey, from, followed, Math.max(1, deadline - Date.now()));
    if (followed.reconnects === 0) followed.connectMs = leg.connectMs;
    followed.closeCode = leg.code;
    if (leg.code !== 1013 || followed.reconnects >= MAX_RECONNECTS || Date.now() > deadline) return followed;
    followed.reconnects++;
  }
}

/**
 * Compares what a subscriber saw with the run's stored log (`logIds`, from `/events`): `lost`
 * counts log events it never received; `problems` names any frame out of order or repeated, a
 * sequence that is not the whole log, no terminal event last, or a close other than 1000.
 */
export function checkFollowed(followed: Followed, logIds: readonly number[]): { lost: number; problems: string[] } {
  const seen = new Set(followed.ids);
  const lost = logIds.filter((id) => !seen.has(id)).length;
  const problems: string[] = [];
  const at = `${followed.runId}`;
  if (followed.ids.some((id, i) => id !== i + 1)) problems.push(`${at}: frames not 1..${followed.ids.length} in order`);
  if (followed.ids.length !== logIds.length) problems.push(`${at}: ${followed.ids.length} frames, log has ${logIds.length}`);
  if (followed.terminal === null) problems.push(`${at}: last frame not a terminal state`);
  if (followed.closeCode !== 1000) problems.push(`${at}: close ${followed.closeCode}`);
  return { lost, problems };
}
