/**
 * The Durable Object that owns one run (named by run id): its status, and its WebSocket
 * subscribers as hibernatable sockets. Runs are created through it in the run domain.
 */
import { DurableObject } from "cloudflare:workers";
import type { RunStatus } from "../../runs/run-types.ts";
import { CLOSE_RUN_NOT_FOUND, RUN_NOT_FOUND_REASON } from "../../runs/stream-protocol.ts";
import type { WorkerEnv } from "./worker-env.ts";

const STATUS_KEY = "status";

/** One run's Durable Object. */
export class RunObject extends DurableObject<WorkerEnv> {
  /** The run's status, or null when this object holds no run. */
  async getStatus(): Promise<RunStatus | null> {
    return (await this.ctx.storage.get<RunStatus>(STATUS_KEY)) ?? null;
  }

  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get("upgrade")?.toLowerCase() !== "websocket") return new Response(null, { status: 404 });
    const [client, server] = Object.values(new WebSocketPair());
    if ((await this.getStatus()) === null) {
      // Not a hibernatable socket: after a server-initiated close on one, workerd (wrangler dev)
      // never ends the TCP connection, so real clients (`ws`, browsers) report the close late.
      server.accept();
      server.close(CLOSE_RUN_NOT_FOUND, RUN_NOT_FOUND_REASON);
      return new Response(null, { status: 101, webSocket: client });
    }
    this.ctx.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  }

  override async webSocketMessage(): Promise<void> {
    // Clients have nothing to say on the stream; frames are ignored.
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    // With the hibernation API the server must echo the close, or the client never sees it.
    try {
      ws.close(code === 1005 ? 1000 : code, reason);
    } catch {
      // already closed
    }
  }
}
