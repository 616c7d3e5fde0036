/**
 * Node host: `npm start`. Parses the environment once, serves the app with @hono/node-server on
 * HOST:PORT (default 127.0.0.1:8787), and upgrades WebSockets with `ws`.
 */
import { serve, upgradeWebSocket } from "@hono/node-server";
import type { Context } from "hono";
import type { IncomingMessage } from "node:http";
import { WebSocketServer } from "ws";
import { createApp } from "../app.ts";
import { ConfigError, parseConfig } from "../config.ts";
import type { ServerSocket, WebSocketUpgrader } from "../host.ts";

/** Completes upgrades through @hono/node-server's `ws` integration. */
export const nodeWebSocketUpgrader: WebSocketUpgrader = (c, handlers) =>
  upgradeWebSocket(() => {
    let socket: ServerSocket | null = null;
    return {
      onOpen: (_event, ws) => {
        socket = { send: (text) => ws.send(text), close: (code, reason) => ws.close(code, reason) };
        handlers.onOpen(socket);
      },
      onMessage: (event) => {
        if (socket) handlers.onMessage?.(event.data as string | ArrayBuffer, socket);
      },
      onClose: (event) => handlers.onClose?.(event.code, event.reason),
    };
  })(c, async () => undefined) as Promise<Response>;

/** The peer address of the request's socket. */
export function nodeConnectionIp(c: Context): string | null {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? null;
}

function main(): void {
  let config;
  try {
    config = parseConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const sink = (line: string) => process.stdout.write(`${line}\n`);
  const app = createApp({ config, runtime: "node", logSink: sink, connectionIp: nodeConnectionIp, upgradeWebSocket: nodeWebSocketUpgrader });
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host, websocket: { server: wss } }, (info) => {
    sink(JSON.stringify({ ts: new Date().toISOString(), level: "info", event: "listening", runtime: "node", host: config.host, port: info.port }));
  });
  const stop = () => server.close(() => process.exit(0));
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

main();
