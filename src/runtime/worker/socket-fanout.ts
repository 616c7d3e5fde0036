/**
 * Fan-out of a run's events to its hibernatable WebSockets. Each socket's cursor (last event id
 * sent) lives in its attachment, so it survives hibernation; a pass reads the events after each
 * socket's cursor, sends them one per frame (API spec §5), advances the cursor and closes 1000
 * after the terminal event. Passes never overlap (a dirty flag repeats one), which gives backlog
 * then live with no gap and no duplicate, also for events appended while a backlog is sent.
 *
 * Memory per subscriber: workerd has no `bufferedAmount` (nor any send backpressure) on
 * hibernatable sockets, so a pass cannot see a client that stopped reading. What is bounded is
 * the object's own share: a cursor in the attachment, and at most `FRAMES_PER_PASS` events read
 * from SQLite per socket per pass, with a macrotask between passes. Frames already handed to
 * workerd stay queued in the runtime until the client reads them or goes away; that queue is at
 * most the run's remaining event log, which the event filter keeps small (progress per 1 % or
 * 250 ms, metric points at most ten per second). A client can always resume with `last_event_id`.
 */
import { eventJson } from "../../runs/event-json.ts";
import { CLOSE_COMPLETED } from "../../runs/stream-protocol.ts";
import type { StreamEvent } from "../../runs/stream-protocol.ts";
import { isTerminalEvent } from "../../runs/subscriber.ts";

/** Events sent to one socket per pass. */
export const FRAMES_PER_PASS = 128;

/** Reason of the 1000 close after the terminal event. */
export const RUN_FINISHED_REASON = "Run finished";

/** What a socket's attachment holds. */
export interface SocketAttachment {
  /** Last event id sent. */
  cursor: number;
  /** Closed by the server after the terminal event. */
  done?: boolean;
}

/** What the fan-out reads. */
export interface FanoutDeps {
  /** The object's accepted sockets (`ctx.getWebSockets()`). */
  sockets(): WebSocket[];
  /** Up to `limit` events after `afterId`. */
  read(afterId: number, limit: number): Promise<readonly StreamEvent[]>;
  /** Whether the run is terminal and `cursor` is at or past its last event. */
  isFinished(cursor: number): Promise<boolean>;
  /** Reason of the 1000 close after the terminal event; default {@link RUN_FINISHED_REASON}. */
  finishedReason?: string;
}

/** The attachment of `ws`, or null for a socket this fan-out does not serve. */
export function attachmentOf(ws: WebSocket): SocketAttachment | null {
  const value = ws.deserializeAttachment() as SocketAttachment | null;
  return value !== null && typeof value === "object" && typeof value.cursor === "number" ? value : null;
}

/** Fan-out of one run object. */
export class SocketFanout {
  private running = false;
  private dirty = false;

  constructor(private readonly deps: FanoutDeps) {}

  /** Sends whatever each socket has not seen yet; safe to call at any time. */
  pump(): void {
    if (this.running) {
      this.dirty = true;
      return;
    }
    this.running = true;
    this.drain()
      .catch((error) => console.error(JSON.stringify({ level: "error", event: "stream_fanout", error: String(error) })))
      .finally(() => {
        this.running = false;
        if (this.dirty) this.pump();
      });
  }

  private async drain(): Promise<void> {
    do {
      this.dirty = false;
      let behind = false;
      for (const ws of this.deps.sockets()) {
        if (await this.serve(ws)) behind = true;
      }
      // Let the runtime flush frames and serve other calls before the next page.
      if (behind) {
        this.dirty = true;
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
    } while (this.dirty);
  }

  /** One page for one socket; true when the socket has more to read. */
  private async serve(ws: WebSocket): Promise<boolean> {
    const attachment = attachmentOf(ws);
    if (attachment === null || attachment.done) return false;
    const events = await this.deps.read(attachment.cursor, FRAMES_PER_PASS);
    if (events.length === 0) {
      if (await this.deps.isFinished(attachment.cursor)) this.finish(ws, attachment);
      return false;
    }
    try {
      for (const event of events) ws.send(eventJson(event));
    } catch {
      // The client went away; its close handler forgets the socket.
      ws.serializeAttachment({ ...attachment, done: true });
      return false;
    }
    const next: SocketAttachment = { cursor: events[events.length - 1].event_id };
    if (isTerminalEvent(events[events.length - 1]) && (await this.deps.isFinished(next.cursor))) return this.finish(ws, next), false;
    ws.serializeAttachment(next);
    return events.length === FRAMES_PER_PASS;
  }

  private finish(ws: WebSocket, attachment: SocketAttachment): void {
    ws.serializeAttachment({ ...attachment, done: true });
    try {
      ws.close(CLOSE_COMPLETED, this.deps.finishedReason ?? RUN_FINISHED_REASON);
    } catch {
      // already closed
    }
  }
}
