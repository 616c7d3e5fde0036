/**
 * Real clients of a run's event stream (API spec §5): a `ws` WebSocket that collects every JSON
 * frame until the close, and an SSE reader that parses `id:` / `event:` / `data:` blocks until
 * the server ends the response; and a subscriber that waits for one live event.
 */
import type { WireEvent } from "./run-http.ts";
import WebSocket from "ws";
import { probeWebSocket } from "./ws-probe.ts";

/** What a WebSocket subscriber received before the close. */
export interface WsStream {
  status: number;
  code: number;
  reason: string;
  events: WireEvent[];
}

/** Opens the stream at `url` and resolves at the close with the parsed frames. */
export async function readWebSocketStream(url: string, headers: Record<string, string>, timeoutMs = 30_000): Promise<WsStream> {
  const outcome = await probeWebSocket(url, headers, timeoutMs);
  return { status: outcome.status, code: outcome.code, reason: outcome.reason, events: outcome.messages.map((m) => JSON.parse(m) as WireEvent) };
}

/** One SSE message as sent: its fields and the parsed data. */
export interface SseMessage {
  id: string | null;
  event: string | null;
  data: WireEvent;
}

/** What an SSE subscriber received until the response ended. */
export interface SseStream {
  status: number;
  contentType: string | null;
  messages: SseMessage[];
}

/** Parses a complete `text/event-stream` body; comment lines and `retry:` are skipped. */
export function parseSse(text: string): SseMessage[] {
  const messages: SseMessage[] = [];
  for (const block of text.replace(/\r\n?/g, "\n").split("\n\n")) {
    let id: string | null = null;
    let event: string | null = null;
    const data: string[] = [];
    for (const line of block.split("\n")) {
      if (line === "" || line.startsWith(":")) continue;
      const colon = line.indexOf(":");
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
      if (field === "id") id = value;
      else if (field === "event") event = value;
      else if (field === "data") data.push(value);
    }
    if (data.length > 0) messages.push({ id, event, data: JSON.parse(data.join("\n")) as WireEvent });
  }
  return messages;
}

/** Reads the SSE stream at `url` to its end (rejects when it does not end within `timeoutMs`). */
export async function readSseStream(url: string, headers: Record<string, string>, timeoutMs = 30_000): Promise<SseStream> {
  const res = await fetch(url, { headers: { Accept: "text/event-stream", ...headers }, signal: AbortSignal.timeout(timeoutMs) });
  const text = await res.text();
  return { status: res.status, contentType: res.headers.get("content-type"), messages: res.status === 200 ? parseSse(text) : [] };
}

/**
 * Subscribes over a WebSocket from the first event and resolves, as soon as `match` accepts an
 * event, with every event received up to and including it; then drops the connection (for acting
 * at a live moment of a run, e.g. killing its server).
 */
export function readStreamUntil(url: string, headers: Record<string, string>, match: (event: WireEvent) => boolean, timeoutMs = 20_000): Promise<WireEvent[]> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url.replace(/^http/, "ws"), { headers });
    const received: WireEvent[] = [];
    const timer = setTimeout(() => settle(() => reject(new Error(`no matching event from ${url} within ${timeoutMs} ms`))), timeoutMs);
    const settle = (done: () => void) => {
      clearTimeout(timer);
      socket.removeAllListeners();
      socket.on("error", () => undefined);
      socket.terminate();
      done();
    };
    socket.on("message", (data) => {
      const event = JSON.parse(data.toString()) as WireEvent;
      received.push(event);
      if (match(event)) settle(() => resolve(received));
    });
    socket.on("error", (error) => settle(() => reject(error)));
    socket.on("close", (code) => settle(() => reject(new Error(`${url} closed ${code} before a matching event`))));
  });
}
