/**
 * A server under test in its own child process: started with `node --import tsx` (so the PID is
 * the server itself, not a launcher), stdout into a file, waited for until it answers on
 * loopback, and stopped by its PID — also when the benchmark fails or is interrupted.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, openSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";

/** How to start one server. */
export interface ServerSpec {
  /** Short name used in messages. */
  name: string;
  /** Script path, relative to `cwd`. */
  script: string;
  cwd: string;
  /** Extra environment (merged over a copy of this process's environment without `GLOWBACK_*`). */
  env: Record<string, string>;
  /** Where stdout goes (a file, or `/dev/null`). */
  stdoutPath: string;
  /** Where stderr goes, shown when start-up fails. */
  stderrPath: string;
  /** Extra flags for `node` before the script (e.g. `--cpu-prof`). */
  nodeFlags?: string[];
}

/** A started server. */
export interface RunningServer {
  readonly name: string;
  readonly pid: number;
  readonly origin: string;
  /** Stops the child (SIGTERM, then SIGKILL after `graceMs`); resolves once it has exited. */
  stop(graceMs?: number): Promise<void>;
}

const START_TIMEOUT_MS = 20_000;
const live = new Map<number, ChildProcess>();

/** A free TCP port on 127.0.0.1 (bound and released; the child binds it right after). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== "object" || address === null) throw new Error("could not pick a free port");
  return address.port;
}

function childEnv(extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !name.startsWith("GLOWBACK_") && name !== "PORT" && name !== "HOST") env[name] = value;
  }
  return { ...env, ...extra };
}

async function waitUntilAnswering(origin: string, child: ChildProcess, spec: ServerSpec): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) break;
    try {
      const response = await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(1000) });
      await response.arrayBuffer();
      return;
    } catch {
      await sleep(100);
    }
  }
  let stderr = "";
  try {
    stderr = readFileSync(spec.stderrPath, "utf8").slice(-2000);
  } catch {
    // no stderr file: nothing to show
  }
  throw new Error(`${spec.name} did not start on ${origin} (exit ${child.exitCode ?? child.signalCode ?? "none"})${stderr ? `:\n${stderr}` : ""}`);
}

function stopChild(child: ChildProcess, graceMs: number): Promise<void> {
  const pid = child.pid;
  if (pid === undefined || child.exitCode !== null || child.signalCode !== null) {
    if (pid !== undefined) live.delete(pid);
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const killTimer = setTimeout(() => {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // already gone
      }
    }, graceMs);
    child.once("exit", () => {
      clearTimeout(killTimer);
      live.delete(pid);
      resolve();
    });
    try {
      process.kill(pid, "SIGTERM");
    } catch {
      // already gone; "exit" follows
    }
  });
}

/** Starts `spec` on a free loopback port and waits until it answers HTTP. */
export async function startServer(spec: ServerSpec): Promise<RunningServer> {
  const port = await freePort();
  const out = openSync(spec.stdoutPath, "a");
  const err = openSync(spec.stderrPath, "w");
  const child = spawn(process.execPath, [...(spec.nodeFlags ?? []), "--import", "tsx", spec.script], {
    cwd: spec.cwd,
    env: childEnv({ ...spec.env, HOST: "127.0.0.1", PORT: String(port) }),
    stdio: ["ignore", out, err],
  });
  closeSync(out);
  closeSync(err);
  if (child.pid === undefined) throw new Error(`${spec.name}: spawn failed`);
  live.set(child.pid, child);
  const origin = `http://127.0.0.1:${port}`;
  try {
    await waitUntilAnswering(origin, child, spec);
  } catch (error) {
    await stopChild(child, 2000);
    throw error;
  }
  const pid = child.pid;
  return { name: spec.name, pid, origin, stop: (graceMs = 5000) => stopChild(child, graceMs) };
}

/** Stops every child still running (by PID). */
export async function stopAllServers(graceMs = 5000): Promise<void> {
  await Promise.all([...live.values()].map((child) => stopChild(child, graceMs)));
}

/** Last resort from a synchronous `exit` handler: SIGKILL every child still running. */
export function killAllServersNow(): void {
  for (const pid of live.keys()) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
  live.clear();
}
