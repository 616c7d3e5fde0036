/**
 * Shared harness of the in-process app tests: builds `createApp` with a captured log sink, a fixed
 * connection address and a fake WebSocket upgrader that records what the server does to the socket.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppOptions } from "../../src/app.ts";
import { createApp } from "../../src/app.ts";
import type { EnvSource } from "../../src/config.ts";
import { parseConfig } from "../../src/config.ts";
import type { ServerSocket, SocketHandlers } from "../../src/host.ts";
import type { AppEnv } from "../../src/http/context.ts";
import type { RunStore } from "../../src/runs/run-store.ts";
import { SECURITY_HEADERS } from "../support/expected-headers.ts";

/** The key configured by `makeApp` unless the env says otherwise. */
export const VALID_KEY = "gb-test-key-0123456789abcdef";
/** A second configured key, so that tests can tell which one matched. */
export const SECOND_KEY = "gb-second-key-fedcba9876543210";
/** A key that is not configured. */
export const WRONG_KEY = "gb-wrong-key-not-configured";
/** The address the fake connection-info resolver reports. */
export const CONNECTION_IP = "203.0.113.7";

/** The exact `X-Request-ID` / UUID shape generated ids must have. */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Expected security headers of every response (API spec §3), except the CSP. */
export const FIXED_SECURITY_HEADERS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(SECURITY_HEADERS).filter(([name]) => name !== "content-security-policy"),
);

/** CSP of API responses. */
export const API_CSP_VALUE = SECURITY_HEADERS["content-security-policy"];

/** What the server did to one socket the fake upgrader handed out. */
export interface RecordedSocket {
  sent: string[];
  /** Close code and reason, or null while open. */
  closed: { code: number; reason: string } | null;
  /** Messages sent before the close (must be none for auth failures). */
  sentBeforeClose: number;
}

/** A test app and everything it captured. */
export interface Harness {
  app: OpenAPIHono<AppEnv>;
  /** Raw log lines, in order. */
  lines: string[];
  /** Sockets the fake upgrader opened, in order. */
  sockets: RecordedSocket[];
  /** Log lines parsed as JSON (only meaningful with the JSON log format). */
  records(): Record<string, unknown>[];
  /** Parsed lines with `event` equal to `event`. */
  events(event: string): Record<string, unknown>[];
  /** `app.request` with the same arguments. */
  request(path: string, init?: RequestInit): Promise<Response>;
}

/** Env of `makeApp` when the caller gives none: one valid key and a second one. */
export const DEFAULT_ENV: EnvSource = { GLOWBACK_API_KEY: `${VALID_KEY},${SECOND_KEY}` };

/**
 * Rate limits `makeApp` applies unless the env sets its own: high enough that suites sending many
 * requests with one key (or many bad keys from `CONNECTION_IP`) are never throttled.
 */
export const GENEROUS_RATE_LIMITS: EnvSource = { GLOWBACK_RATE_LIMIT: "1000000", GLOWBACK_AUTH_FAILURE_LIMIT: "1000000" };

/** Builds an app over `env` (defaults to `DEFAULT_ENV`, plus `GENEROUS_RATE_LIMITS`), capturing logs and sockets. */
export function makeApp(env: EnvSource = DEFAULT_ENV, overrides: Partial<AppOptions> = {}): Harness {
  const lines: string[] = [];
  const sockets: RecordedSocket[] = [];
  const upgradeWebSocket = (_c: unknown, handlers: SocketHandlers): Response => {
    const record: RecordedSocket = { sent: [], closed: null, sentBeforeClose: 0 };
    sockets.push(record);
    const socket: ServerSocket = {
      send(text) {
        if (record.closed === null) record.sent.push(text);
      },
      close(code, reason) {
        if (record.closed !== null) return;
        record.closed = { code, reason };
        record.sentBeforeClose = record.sent.length;
      },
    };
    handlers.onOpen(socket);
    // A real host returns 101, which `Response` cannot be constructed with.
    return new Response(null, { status: 200 });
  };
  const app = createApp({
    config: parseConfig({ ...GENEROUS_RATE_LIMITS, ...env }),
    runtime: "node",
    logSink: (line) => lines.push(line),
    connectionIp: () => CONNECTION_IP,
    upgradeWebSocket,
    ...overrides,
  });
  const records = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  return {
    app,
    lines,
    sockets,
    records,
    events: (event) => records().filter((record) => record.event === event),
    request: async (path, init) => app.request(path, init),
  };
}

/** `key_id` of a key computed independently of the app: first 12 hex chars of its SHA-256. */
export function expectedKeyId(key: string): string {
  return sha256Hex(key).slice(0, 12);
}

/** Lower-case hex SHA-256 of `text`. */
export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** The version in package.json. */
export function packageJsonVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}

/** Headers of a WebSocket upgrade request plus `extra`. */
export function upgradeHeaders(extra: Record<string, string> = {}): Record<string, string> {
  return { Upgrade: "websocket", Connection: "Upgrade", "Sec-WebSocket-Version": "13", "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==", ...extra };
}

/** A request body that streams `bytes` in chunks of `chunkSize`, with no Content-Length. */
export function chunkedBody(bytes: number, chunkSize = 4096): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= bytes) {
        controller.close();
        return;
      }
      const size = Math.min(chunkSize, bytes - sent);
      controller.enqueue(new Uint8Array(size).fill(0x20));
      sent += size;
    },
  });
}

/** Parses one `key=value` text log line (values bare or JSON-quoted). */
export function parseTextLine(line: string): Record<string, string> {
  const out: Record<string, string> = {};
  const pattern = /([A-Za-z_][A-Za-z0-9_]*)=("(?:[^"\\]|\\.)*"|\S*)/g;
  for (const match of line.matchAll(pattern)) {
    out[match[1]] = match[2].startsWith('"') ? (JSON.parse(match[2]) as string) : match[2];
  }
  return out;
}

/** A run store every method of which rejects with `error` (to provoke 500s). */
export function failingStore(error: unknown): RunStore {
  return new Proxy({} as RunStore, {
    get: (_target, property) => (property === "then" ? undefined : () => Promise.reject(error)),
  });
}
