/** A WebSocket subscriber of a run's event stream (API spec §5) that records every frame. */
import WebSocket from "ws";

/** What one subscriber received. */
export interface StreamRecord {
  /** `event_id` of every frame, in arrival order. */
  ids: number[];
  /** `type` of the last frame and its `payload.state`, if any. */
  lastType: string | null;
  lastState: string | null;
  closeCode: number;
  /** Milliseconds (performance.now) of the close. */
  closedAt: number;
}

/** Subscribes from `last_event_id=0` and resolves at the close (rejects after `timeoutMs`). */
export function subscribe(baseUrl: string, runId: string, apiKey: string, timeoutMs: number): Promise<StreamRecord> {
  const url = `${baseUrl.replace(/^http/, "ws")}/v1/backtests/${runId}/stream?last_event_id=0`;
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers: { "X-API-Key": apiKey }, perMessageDeflate: false });
    const record: StreamRecord = { ids: [], lastType: null, lastState: null, closeCode: 0, closedAt: 0 };
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new Error(`stream of ${runId} not closed after ${timeoutMs} ms (${record.ids.length} frames)`));
    }, timeoutMs);
    ws.on("message", (data) => {
      const event = JSON.parse(String(data)) as { event_id: number; type: string; payload: { state?: string } };
      record.ids.push(event.event_id);
      record.lastType = event.type;
      record.lastState = event.payload.state ?? null;
    });
    ws.on("close", (code) => {
      clearTimeout(timer);
      record.closeCode = code;
      record.closedAt = performance.now();
      resolve(record);
    });
    ws.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

/**
 * Problems of a set of recordings: each must be the gap-free sequence 1..n ending with the
 * terminal `completed` event and a 1000 close, and all must be identical. Empty when all is well.
 */
export function checkRecords(records: readonly StreamRecord[]): string[] {
  const problems: string[] = [];
  const reference = records[0]?.ids ?? [];
  records.forEach((r, i) => {
    if (r.closeCode !== 1000) problems.push(`client ${i}: close ${r.closeCode}`);
    if (r.lastType !== "state" || r.lastState !== "completed") problems.push(`client ${i}: last event ${r.lastType}/${r.lastState}`);
    if (!r.ids.every((id, k) => id === k + 1)) problems.push(`client ${i}: ids not 1..${r.ids.length} in order`);
    if (r.ids.length !== reference.length) problems.push(`client ${i}: ${r.ids.length} frames, client 0 had ${reference.length}`);
  });
  return problems;
}
