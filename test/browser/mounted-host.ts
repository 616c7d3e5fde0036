/**
 * A small host app for the browser test of a mounted GlowBack: its own `/` plus GlowBack under
 * `/glowback` (`host.route`), with WebSocket upgrades, on HOST:PORT (port 0: the OS picks). Logs
 * the same JSON `listening` line as the Node host, so `startNodeServer` can start it.
 */
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { WebSocketServer } from "ws";
import { createApp } from "../../src/app.ts";
import { parseConfig } from "../../src/config.ts";
import { startLocalRunDomain } from "../../src/runtime/local/local-service.ts";
import { nodeWebSocketUpgrader } from "../../src/runtime/local/node-upgrader.ts";

const MOUNT_PREFIX = "/glowback";

async function main(): Promise<void> {
  const config = parseConfig(process.env);
  const sink = (line: string) => process.stdout.write(`${line}\n`);
  const runDomain = await startLocalRunDomain(config);
  const glowback = createApp({
    config, runtime: "node", logSink: sink, upgradeWebSocket: nodeWebSocketUpgrader,
    service: runDomain.service, optimizationService: runDomain.optimizations,
  });
  const host = new Hono();
  host.get("/", (c) => c.text("host app; GlowBack is mounted at /glowback"));
  host.route(MOUNT_PREFIX, glowback);
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const server = serve({ fetch: host.fetch, port: config.port, hostname: config.host, websocket: { server: wss } }, (info) => {
    sink(JSON.stringify({ level: "info", event: "listening", runtime: "node", port: info.port }));
  });
  process.once("SIGTERM", () => {
    server.close();
    void runDomain.close().finally(() => process.exit(0));
  });
}

void main();
