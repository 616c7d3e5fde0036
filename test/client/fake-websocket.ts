/**
 * A scripted WebSocket for the stream helper's unit tests: each `new` is recorded as a connection
 * the test drives (open, frames, close) synchronously.
 */
import type { WebSocketConstructorLike, WebSocketLike } from "../../src/client/stream.ts";
import type { RunEvent } from "../../src/runs/run-types.ts";

/** One connection the helper opened. */
export interface FakeConnection {
  url: URL;
  /** Close code the client used, or null while the client has not closed. */
  closedByClient: number | null;
  open(): void;
  send(...events: RunEvent[]): void;
  /** The server closes (also fires when the client closed first, like a real socket). */
  close(code: number, reason?: string): void;
}

/** A constructor to inject plus the connections made with it. */
export function fakeWebSocket(): { WebSocket: WebSocketConstructorLike; connections: FakeConnection[] } {
  const connections: FakeConnection[] = [];
  class FakeSocket implements WebSocketLike {
    readyState = 0;
    private readonly listeners = new Map<string, ((event: unknown) => void)[]>();
    constructor(url: string) {
      const fire = (type: string, event: unknown) => this.listeners.get(type)?.forEach((l) => l(event));
      const connection: FakeConnection = {
        url: new URL(url),
        closedByClient: null,
        open: () => {
          this.readyState = 1;
          fire("open", {});
        },
        send: (...events) => events.forEach((e) => fire("message", { data: JSON.stringify(e) })),
        close: (code, reason = "") => {
          if (this.readyState === 3) return;
          this.readyState = 3;
          fire("close", { code, reason });
        },
      };
      this.connection = connection;
      connections.push(connection);
    }
    readonly connection: FakeConnection;
    addEventListener(type: string, listener: (event: unknown) => void): void {
      this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
    }
    close(code = 1005): void {
      if (this.readyState >= 2) return;
      this.connection.closedByClient = code;
      this.readyState = 2;
    }
  }
  return { WebSocket: FakeSocket, connections };
}

/** Event `id` of run `r1`: a progress event, or the terminal `completed` state event. */
export function event(id: number, terminal = false): RunEvent {
  return terminal
    ? { event_id: id, run_id: "r1", type: "state", timestamp: "2026-12-03T00:00:00.000Z", payload: { state: "completed" } }
    : { event_id: id, run_id: "r1", type: "progress", timestamp: "2026-12-03T00:00:00.000Z", payload: { progress: id / 100 } };
}
