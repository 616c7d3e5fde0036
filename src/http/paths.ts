/** Classification of request paths: public routes, stream endpoints, and the API prefix. */

const PUBLIC_PATHS = new Set(["/", "/healthz", "/v1/healthz", "/openapi.json", "/docs", "/docs/"]);
const STREAM_PATH = /^(?:\/v1)?\/(backtests|optimizations)\/([^/]+)\/stream\/?$/;

/** True for routes that never require a key (health, OpenAPI document, Swagger UI, the dashboard and their assets). */
export function isPublicPath(path: string): boolean {
  return PUBLIC_PATHS.has(path) || path.startsWith("/docs/") || path.startsWith("/dashboard/");
}

/** A stream endpoint's resource kind and id. */
export interface StreamTarget {
  kind: "backtests" | "optimizations";
  id: string;
}

/** The stream endpoint `path` addresses, or null when it is not a stream endpoint. */
export function matchStreamPath(path: string): StreamTarget | null {
  const match = STREAM_PATH.exec(path);
  if (!match) return null;
  return { kind: match[1] as StreamTarget["kind"], id: decodeURIComponentSafe(match[2]) };
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** True when the request asks for a WebSocket upgrade. */
export function isWebSocketUpgrade(headers: Headers): boolean {
  return headers.get("upgrade")?.toLowerCase() === "websocket";
}
