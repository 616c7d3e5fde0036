/**
 * The small typed interfaces through which the app meets its host (Node, Deno, workerd).
 * Each host implements them in `src/runtime/`; the app and its routes see only these.
 */
import type { Context } from "hono";
import type { StreamTarget } from "./http/paths.ts";

/** The server side of an accepted WebSocket. */
export interface ServerSocket {
  send(text: string): void;
  /**
   * Sends several text frames in order. Hosts that can coalesce them into one network write
   * (Node: a corked socket) implement it; without it they are sent one `send` at a time.
   */
  sendAll?(texts: readonly string[]): void;
  close(code: number, reason: string): void;
  /**
   * Bytes queued for sending but not yet written to the network; stream subscribers pause above
   * a high-water mark and are closed with 1013 when it stays high. Hosts that cannot tell
   * (workerd) omit it or return 0.
   */
  bufferedAmount?(): number;
  /** Sends a protocol-level ping (keeps idle connections through proxies); hosts that ping by themselves omit it. */
  ping?(): void;
}

/** Callbacks of an upgraded connection. */
export interface SocketHandlers {
  /** Called once the connection is open; may close it at once. */
  onOpen(socket: ServerSocket): void;
  onMessage?(data: string | ArrayBuffer, socket: ServerSocket): void;
  onClose?(code: number, reason: string): void;
}

/** Completes a WebSocket upgrade on this host and returns the response to hand back (a 101). */
export type WebSocketUpgrader = (c: Context, handlers: SocketHandlers) => Response | Promise<Response>;

/** The client's address as the host's connection info reports it, or null when unknown. */
export type ConnectionIpResolver = (c: Context) => string | null;

/** Facts the gateway verified before opening a stream; hosts forward them to run owners. */
export interface StreamRequest {
  target: StreamTarget;
  transport: "websocket" | "sse";
  /** Events after this id are sent; 0 sends all. */
  lastEventId: number;
  requestId: string;
  keyId: string | null;
}

/** Opens an authenticated stream (WebSocket or SSE) for a run on this host. */
export interface StreamGateway {
  open(c: Context, request: StreamRequest): Promise<Response>;
}
