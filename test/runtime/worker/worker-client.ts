/**
 * Helpers of the workerd suite: requests to the real Worker entry (`exports.default`, the same
 * module instance workerd serves) and reading the close of a WebSocket the Worker returned.
 */
import { exports } from "cloudflare:workers";

/** Origin of requests sent to the Worker; it is never resolved. */
export const ORIGIN = "https://glowback.test";

/** Sends a request to the Worker's `fetch`. */
export function fetchWorker(path: string, init: RequestInit = {}): Promise<Response> {
  return exports.default.fetch(new Request(`${ORIGIN}${path}`, init));
}

/** Sends a WebSocket upgrade request to the Worker. */
export function upgradeWorker(path: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetchWorker(path, { headers: { Upgrade: "websocket", ...headers } });
}

/** The first close a client socket sees, and the text frames it received before. */
export interface ClientClose {
  code: number;
  reason: string;
  messages: string[];
}

/** Accepts the client end of a 101 response and resolves with its close (rejects after `timeoutMs`). */
export function readClose(res: Response, timeoutMs = 5_000): Promise<ClientClose> {
  const socket = res.webSocket;
  if (!socket) return Promise.reject(new Error(`response ${res.status} carries no webSocket`));
  const messages: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("no close within timeout")), timeoutMs);
    socket.addEventListener("message", (event) => messages.push(String(event.data)));
    socket.addEventListener("close", (event) => {
      clearTimeout(timer);
      // Echo the close so workerd ends the connection cleanly.
      socket.close();
      resolve({ code: event.code, reason: event.reason, messages });
    });
    socket.accept();
  });
}
