/**
 * Deno host: `deno task start`. Parses the environment once and serves the app with
 * `Deno.serve` on HOST:PORT (default 127.0.0.1:8787), upgrading WebSockets natively.
 */
import { createApp } from "../app.ts";
import { ConfigError, parseConfig } from "../config.ts";
import { createBufferedSink } from "../logging/buffered-sink.ts";
import type { ServerSocket, WebSocketUpgrader } from "../host.ts";
import { createLogger } from "../logging/logger.ts";
import { startLocalRunDomain } from "./local/local-service.ts";

/** Completes upgrades with `Deno.upgradeWebSocket`. */
export const denoWebSocketUpgrader: WebSocketUpgrader = (c, handlers) => {
  // Deno pings a socket idle for `idleTimeout` seconds (default 120) and closes it without a pong.
  const { socket, response } = Deno.upgradeWebSocket(c.req.raw, { idleTimeout: 30 });
  const server: ServerSocket = {
    send: (text) => socket.send(text),
    close: (code, reason) => socket.close(code, reason),
    bufferedAmount: () => socket.bufferedAmount,
  };
  socket.onopen = () => handlers.onOpen(server);
  socket.onmessage = (event) => handlers.onMessage?.(event.data, server);
  socket.onclose = (event) => handlers.onClose?.(event.code, event.reason);
  return response;
};


async function main(): Promise<void> {
  let config;
  try {
    config = parseConfig(Deno.env.toObject());
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      Deno.exit(1);
    }
    throw error;
  }
  const encoder = new TextEncoder();
  // One write per event-loop turn instead of one per line; flushed on exit (also on signals).
  const { sink, flush } = createBufferedSink((text) => Deno.stdout.writeSync(encoder.encode(text)), (task) => setTimeout(task, 0));
  globalThis.addEventListener("unload", flush);
  const runDomain = await startLocalRunDomain(config, createLogger({ format: config.logFormat, level: config.logLevel, sink }));
  const app = createApp({ config, runtime: "deno", logSink: sink, upgradeWebSocket: denoWebSocketUpgrader, service: runDomain.service, optimizationService: runDomain.optimizations });
  const server = Deno.serve(
    {
      port: config.port,
      hostname: config.host,
      onListen: (addr) => sink(JSON.stringify({ ts: new Date().toISOString(), level: "info", event: "listening", runtime: "deno", host: config.host, port: addr.port })),
    },
    (request, info) => app.fetch(request, { remoteAddr: info.remoteAddr }),
  );
  // Runs in progress stay `running` in the database and resume on the next start.
  const stop = () => {
    void server.shutdown();
    void runDomain.close().finally(() => {
      flush();
      Deno.exit(0);
    });
  };
  Deno.addSignalListener("SIGTERM", stop);
  Deno.addSignalListener("SIGINT", stop);
}

void main();
