/**
 * A real `ws` client that opens a stream and reports what a browser would see: the 101's status
 * and headers, the frames, and the close code and reason.
 */
import type { IncomingHttpHeaders } from "node:http";
import WebSocket from "ws";

/** What one WebSocket connection saw from upgrade to close. */
export interface WsOutcome {
  status: number;
  headers: IncomingHttpHeaders;
  code: number;
  reason: string;
  messages: string[];
}

/** Connects to `url` (http:// is turned into ws://) and resolves at the close; rejects after `timeoutMs`. */
export function probeWebSocket(url: string, headers: Record<string, string> = {}, timeoutMs = 10_000): Promise<WsOutcome> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url.replace(/^http/, "ws"), { headers });
    let status = 0;
    let upgradeHeaders: IncomingHttpHeaders = {};
    const messages: string[] = [];
    const timer = setTimeout(() => {
      socket.terminate();
      reject(new Error(`no close from ${url} within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on("upgrade", (res) => {
      status = res.statusCode ?? 0;
      upgradeHeaders = res.headers;
    });
    socket.on("message", (data) => messages.push(data.toString()));
    socket.on("unexpected-response", (_req, res) => {
      clearTimeout(timer);
      socket.terminate();
      reject(new Error(`${url}: handshake answered ${res.statusCode} instead of 101`));
    });
    socket.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.on("close", (code, reason) => {
      clearTimeout(timer);
      resolve({ status, headers: upgradeHeaders, code, reason: reason.toString("utf8"), messages });
    });
  });
}
