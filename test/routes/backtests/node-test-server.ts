/**
 * An in-process Node server (port 0 on 127.0.0.1) over a given `RunService`, for the stream tests,
 * plus small WebSocket and SSE clients that collect what they receive.
 */
import { serve } from "@hono/node-server";
import type { AddressInfo } from "node:net";
import { WebSocket, WebSocketServer } from "ws";
import type { AppOptions } from "../../../src/app.ts";
import { createApp } from "../../../src/app.ts";
import type { EnvSource } from "../../../src/config.ts";
import { parseConfig } from "../../../src/config.ts";
import type { StreamLimits } from "../../../src/routes/backtests/local-stream-gateway.ts";
import type { RunService } from "../../../src/runs/run-service.ts";
import type { RunEvent } from "../../../src/runs/run-types.ts";
import { nodeWebSocketUpgrader } from "../../../src/runtime/local/node-upgrader.ts";
import { VALID_KEY } from "../../app/helpers.ts";

/** A started server. */
export interface TestServer {
  origin: string;
  wsOrigin: string;
  close(): Promise<void>;
}

/**
 * Serves an app over `service` (configured by `env`, default: one valid key; `extra` adds app
 * options, e.g. an optimisation domain) until `close()`.
 */
export async function startTestServer(
  service: RunService,
  streamLimits?: StreamLimits,
  env: EnvSource = { GLOWBACK_API_KEY: VALID_KEY },
  extra: Partial<AppOptions> = {},
): Promise<TestServer> {
  const app = createApp({
    config: parseConfig(env), runtime: "node", logSink: () => undefined,
    upgradeWebSocket: nodeWebSocketUpgrader, service, streamLimits, ...extra,
  });
  // The same frame limit as the Node host (src/runtime/node.ts).
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1", websocket: { server: wss } });
  await new Promise<void>((resolve) => (server.listening ? resolve() : server.once("listening", () => resolve())));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    wsOrigin: `ws://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        server.close(() => resolve());
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}

/** What a WebSocket client received. */
export interface WsOutcome {
  events: RunEvent[];
  code: number;
  reason: string;
}

/** Opens a stream WebSocket; `onOpen` gets the raw client (e.g. to pause it). */
export function openWs(url: string, onOpen?: (ws: WebSocket) => void): { ws: WebSocket; done: Promise<WsOutcome>; events: RunEvent[] } {
  const ws = new WebSocket(url, { headers: { "X-API-Key": VALID_KEY } });
  const events: RunEvent[] = [];
  ws.on("open", () => onOpen?.(ws));
  ws.on("message", (data) => events.push(JSON.parse(String(data)) as RunEvent));
  const done = new Promise<WsOutcome>((resolve, reject) => {
    ws.on("close", (code, reason) => resolve({ events, code, reason: String(reason) }));
    ws.on("error", reject);
  });
  return { ws, done, events };
}

/** Reads an SSE response to its end; returns the parsed events and their `id:`/`event:` fields. */
export async function readSse(res: Response): Promise<{ events: RunEvent[]; ids: number[]; types: string[] }> {
  const text = await res.text();
  const events: RunEvent[] = [];
  const ids: number[] = [];
  const types: string[] = [];
  for (const block of text.split("\n\n")) {
    if (block.trim() === "") continue;
    for (const line of block.split("\n")) {
      if (line.startsWith("id: ")) ids.push(Number(line.slice(4)));
      else if (line.startsWith("event: ")) types.push(line.slice(7));
      else if (line.startsWith("data: ")) events.push(JSON.parse(line.slice(6)) as RunEvent);
    }
  }
  return { events, ids, types };
}

/** Asserts-free check: ids are consecutive from `first`. */
export function consecutive(events: readonly RunEvent[], first = 1): boolean {
  return events.every((e, i) => e.event_id === first + i);
}
