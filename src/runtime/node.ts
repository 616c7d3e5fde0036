/**
 * Node host: `npm start`. Parses the environment once, serves the app with @hono/node-server on
 * HOST:PORT (default 127.0.0.1:8787), and upgrades WebSockets with `ws`.
 */
import { serve } from "@hono/node-server";
import * as nodeCrypto from "node:crypto";
import { WebSocketServer } from "ws";
import { createApp } from "../app.ts";
import { ConfigError, parseConfig } from "../config.ts";
import { createBufferedSink } from "../logging/buffered-sink.ts";
import { createLogger } from "../logging/logger.ts";
import { startLocalRunDomain } from "./local/local-service.ts";
import { nodeWebSocketUpgrader } from "./local/node-upgrader.ts";

export { nodeWebSocketUpgrader };

type OneShotHash = (algorithm: string, data: string, outputEncoding: "buffer") => Buffer;
// `crypto.hash` (Node ≥ 20.12) is a one-shot digest: no Hash object and stream state per call,
// which made `createHash` a few µs per request. Older Node 20 keeps `createHash`.
const oneShotHash = (nodeCrypto as { hash?: OneShotHash }).hash;

/** Synchronous SHA-256 for API keys (Web Crypto's digest costs a thread-pool round trip per request). */
export const nodeSha256 = (text: string): Uint8Array =>
  oneShotHash ? oneShotHash("sha256", text, "buffer") : nodeCrypto.createHash("sha256").update(text, "utf8").digest();


async function main(): Promise<void> {
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
  // One write per event-loop turn instead of one per line; flushed on exit (also on signals).
  const { sink, flush } = createBufferedSink((text) => process.stdout.write(text), setImmediate);
  process.on("exit", flush);
  const runDomain = await startLocalRunDomain(config, createLogger({ format: config.logFormat, level: config.logLevel, sink }));
  const app = createApp({
    config, runtime: "node", logSink: sink, upgradeWebSocket: nodeWebSocketUpgrader, sha256: nodeSha256,
    service: runDomain.service, optimizationService: runDomain.optimizations,
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host, websocket: { server: wss } }, (info) => {
    sink(JSON.stringify({ ts: new Date().toISOString(), level: "info", event: "listening", runtime: "node", host: config.host, port: info.port }));
  });
  // Runs in progress stay `running` in the database and resume on the next start.
  const stop = () => {
    server.close();
    void runDomain.close().finally(() => process.exit(0));
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

void main();
