/**
 * Node's WebSocket upgrader: completes upgrades through @hono/node-server's `ws` integration and
 * exposes the socket's `bufferedAmount` so slow stream subscribers can be detected.
 */
import { upgradeWebSocket } from "@hono/node-server";
import type { ServerSocket, WebSocketUpgrader } from "../../host.ts";

/** What the upgrader reads of a `ws` WebSocket: its buffer, its ping and its TCP socket (`_socket`, stable across `ws` 7–8). */
interface RawNodeSocket {
  bufferedAmount?: number;
  ping?: () => void;
  _socket?: { cork(): void; uncork(): void };
}

/** Completes upgrades through @hono/node-server's `ws` integration. */
export const nodeWebSocketUpgrader: WebSocketUpgrader = (c, handlers) =>
  upgradeWebSocket(() => {
    let socket: ServerSocket | null = null;
    return {
      onOpen: (_event, ws) => {
        const raw = ws.raw as RawNodeSocket | undefined;
        const net = raw?._socket;
        socket = {
          send: (text) => ws.send(text),
          sendAll: (texts) => {
            // Corked, the frames leave in one writev instead of one write per frame.
            net?.cork();
            try {
              for (const text of texts) ws.send(text);
            } finally {
              net?.uncork();
            }
          },
          close: (code, reason) => ws.close(code, reason),
          bufferedAmount: () => raw?.bufferedAmount ?? 0,
          ping: () => raw?.ping?.(),
        };
        handlers.onOpen(socket);
      },
      onMessage: (event) => {
        if (socket) handlers.onMessage?.(event.data as string | ArrayBuffer, socket);
      },
      onClose: (event) => handlers.onClose?.(event.code, event.reason),
    };
  })(c, async () => undefined) as Promise<Response>;
