/**
 * How each host is started for the black-box suites: Node (tsx), Deno (the npm-shipped binary)
 * and `wrangler dev` (offline). Every server binds 127.0.0.1 on a port the OS picks, and reports
 * it in its output, so parallel suites never race for ports.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ServerSpec } from "./server-process.ts";

/** The runtimes `/healthz` reports. */
export type HostName = "node" | "deno" | "workerd";

/** Options common to every host. */
export interface HostOptions {
  /** `GLOWBACK_API_KEY`; omitted ⇒ development mode. */
  apiKey?: string;
  /** Further variables (e.g. `GLOWBACK_LOG_LEVEL`). */
  env?: Record<string, string>;
}

const PROJECT_ROOT = fileURLToPath(new URL("../..", import.meta.url));
const LISTENING_EVENT = "listening";

/** Where the Deno binary of the `deno` npm package lives. */
export const DENO_BINARY = join(PROJECT_ROOT, "node_modules/deno/deno");
/** Deno's permissions, as in `deno task start`. */
export const DENO_RUN_ARGS = ["run", "--allow-net", "--allow-env", "--allow-read", "--allow-write", "--allow-sys", "src/runtime/deno.ts"];
/** Node's way to run the TypeScript entry (Node 20 cannot strip types itself). */
export const NODE_RUN_ARGS = ["--import", "tsx", "src/runtime/node.ts"];

/** The caller's environment without any GLOWBACK_*, PORT or HOST, so only the suite configures the server. */
export function cleanEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value === undefined || name.startsWith("GLOWBACK_") || name === "PORT" || name === "HOST") continue;
    env[name] = value;
  }
  return env;
}

function localEnv(options: HostOptions, dataDir: string): Record<string, string> {
  return {
    ...cleanEnv(),
    PORT: "0",
    HOST: "127.0.0.1",
    GLOWBACK_DATA_DIR: dataDir,
    // Suites send many requests with one key; rate-limit tests set their own limits.
    GLOWBACK_RATE_LIMIT: "1000000",
    GLOWBACK_AUTH_FAILURE_LIMIT: "1000000",
    ...(options.apiKey === undefined ? {} : { GLOWBACK_API_KEY: options.apiKey }),
    ...options.env,
  };
}

/** Removes the storage a spec's server used (call after the server stopped). */
export function removeScratchDir(spec: ServerSpec): void {
  if (spec.scratchDir !== undefined) rmSync(spec.scratchDir, { recursive: true, force: true });
}

/** A fresh `GLOWBACK_DATA_DIR` (the SQLite database lives there). */
function newDataDir(): string {
  return mkdtempSync(join(tmpdir(), "glowback-host-data-"));
}

/** Base URL from the host's own `{"event":"listening",...,"port":n}` line. */
function fromListeningLine(line: string): string | null {
  if (!line.startsWith("{")) return null;
  try {
    const entry = JSON.parse(line) as { event?: unknown; port?: unknown };
    return entry.event === LISTENING_EVENT && typeof entry.port === "number" ? `http://127.0.0.1:${entry.port}` : null;
  } catch {
    return null;
  }
}

/** The Node host (`npm start`). */
export function nodeServer(options: HostOptions = {}): ServerSpec {
  const dataDir = newDataDir();
  return { name: "node", command: process.execPath, args: NODE_RUN_ARGS, cwd: PROJECT_ROOT, env: localEnv(options, dataDir), readyUrl: fromListeningLine, scratchDir: dataDir };
}

/** The Deno host (`deno task start`). */
export function denoServer(options: HostOptions = {}): ServerSpec {
  const dataDir = newDataDir();
  const env = { ...localEnv(options, dataDir), DENO_NO_UPDATE_CHECK: "1", DENO_NO_PROMPT: "1", NO_COLOR: "1" };
  return { name: "deno", command: DENO_BINARY, args: DENO_RUN_ARGS, cwd: PROJECT_ROOT, env, readyUrl: fromListeningLine, scratchDir: dataDir };
}

/** Variables that keep wrangler offline and non-interactive (also on CI). */
export function offlineWranglerEnv(): Record<string, string> {
  return {
    CI: "true",
    WRANGLER_SEND_METRICS: "false",
    WRANGLER_SEND_ERROR_REPORTS: "false",
    CLOUDFLARE_CF_FETCH_ENABLED: "false",
    WRANGLER_LOG_PATH: join(PROJECT_ROOT, ".wrangler/logs"),
    NO_COLOR: "1",
    FORCE_COLOR: "0",
  };
}

const WRANGLER_READY = /Ready on (http:\/\/127\.0\.0\.1:\d+)/;

/**
 * `wrangler dev` on the project's wrangler.toml. Variables go through an env file (not `--var`)
 * so the key never appears in a process listing; state lives in a fresh temporary directory.
 */
export function wranglerDevServer(options: HostOptions = {}): ServerSpec {
  const dir = mkdtempSync(join(tmpdir(), "glowback-wrangler-"));
  const vars = { GLOWBACK_RATE_LIMIT: "1000000", GLOWBACK_AUTH_FAILURE_LIMIT: "1000000", ...(options.apiKey === undefined ? {} : { GLOWBACK_API_KEY: options.apiKey }), ...options.env };
  const envFile = join(dir, "dev.env");
  writeFileSync(envFile, Object.entries(vars).map(([name, value]) => `${name}=${JSON.stringify(value)}\n`).join(""), { mode: 0o600 });
  const args = [
    join(PROJECT_ROOT, "node_modules/wrangler/bin/wrangler.js"),
    "dev",
    "--ip", "127.0.0.1",
    "--port", "0",
    "--inspector-port", "0",
    "--env-file", envFile,
    "--persist-to", join(dir, "state"),
    "--show-interactive-dev-session=false",
    "--live-reload=false",
  ];
  return {
    name: "wrangler dev",
    command: process.execPath,
    args,
    cwd: PROJECT_ROOT,
    env: { ...cleanEnv(), ...offlineWranglerEnv() },
    readyUrl: (line) => WRANGLER_READY.exec(line)?.[1] ?? null,
    startTimeoutMs: 60_000,
    scratchDir: dir,
  };
}
