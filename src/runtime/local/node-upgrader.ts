/**
 * Node's WebSocket upgrader: completes upgrades through @hono/node-server's `ws` integration and
 * exposes the socket's `bufferedAmount` so slow stream subscribers can be detected.
 */
import { upgradeWebSocket } from "@hono/node-server";
import type { ServerSocket, WebSocketUpgrader } from "../../host.ts";

/** Completes upgrades through @hono/node-server's `ws` integration. */
export const nodeWebSocketUpgrader: WebSocketUpgrader = (c, handlers) =>
  upgradeWebSocket(() => {
    let socket: ServerSocket | null = null;
    return {
      onOpen: (_event, ws) => {
        const raw = ws.raw as { bufferedAmount?: number; ping?: () => void } | undefined;
        socket = {
          send: (text) => ws.send(text),
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
