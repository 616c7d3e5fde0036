/**
 * A started Node server (127.0.0.1, free port) with a given environment and stream limits, plus
 * WebSocket and SSE clients that hold a stream open until the test lets go.
 */
import { WebSocket } from "ws";
import type { EnvSource } from "../../../src/config.ts";
import type { StreamLimits } from "../../../src/routes/backtests/local-stream-gateway.ts";
import type { RunService } from "../../../src/runs/run-service.ts";
import type { TestServer } from "../backtests/node-test-server.ts";
import { startTestServer } from "../backtests/node-test-server.ts";

/** A started server. */
export type LimitServer = TestServer;

/** Serves an app over `service` with `env` and `limits` until `close()`. */
export function startLimitServer(env: EnvSource, service: RunService, limits: StreamLimits): Promise<LimitServer> {
  return startTestServer(service, limits, env);
}

/** A client WebSocket and what it saw. */
export interface HeldSocket {
  ws: WebSocket;
  frames: string[];
  pings: number;
  /** Resolves with the first frame (the stored `queued` event: the server counted the socket). */
  first: Promise<string>;
  closed: Promise<{ code: number; reason: string }>;
}

/** Opens a stream WebSocket with `key` in `X-API-Key`. */
export function holdSocket(url: string, key: string): HeldSocket {
  const ws = new WebSocket(url, { headers: { "X-API-Key": key } });
  const held: HeldSocket = { ws, frames: [], pings: 0, first: Promise.resolve(""), closed: Promise.resolve({ code: 0, reason: "" }) };
  held.first = new Promise((resolve) => ws.once("message", (data) => resolve(String(data))));
  ws.on("message", (data) => held.frames.push(String(data)));
  ws.on("ping", () => (held.pings += 1));
  held.closed = new Promise((resolve, reject) => {
    ws.on("close", (code, reason) => resolve({ code, reason: String(reason) }));
    ws.on("error", reject);
  });
  return held;
}

/** An open SSE response and a reader of its text. */
export interface HeldSse {
  res: Response;
  /** Reads until `text` appears in what was received; returns everything received. */
  readUntil(text: string): Promise<string>;
  cancel(): Promise<void>;
}

/** Opens an SSE stream with `key`; the caller checks `res.status`. */
export async function holdSse(url: string, key: string): Promise<HeldSse> {
  const res = await fetch(url, { headers: { Accept: "text/event-stream", "X-API-Key": key } });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let received = "";
  return {
    res,
    async readUntil(text) {
      while (!received.includes(text)) {
        const { value, done } = await reader.read();
        if (done) break;
        received += decoder.decode(value, { stream: true });
      }
      return received;
    },
    cancel: () => reader.cancel(),
  };
}

/** Resolves after `ms`. */
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
