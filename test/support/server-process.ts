/**
 * Starts a real server as a child process in its own process group, captures its output line
 * by line, finds the address it listens on, waits for `/healthz`, and stops the whole group.
 */
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";

/** How to start one server. */
export interface ServerSpec {
  /** Shown in error messages. */
  name: string;
  command: string;
  args: string[];
  /** Added to the test process's environment. */
  env: Record<string, string>;
  /** Finds the base URL (`http://host:port`) in an output line, or returns null. */
  readyUrl: (line: string) => string | null;
  cwd?: string;
  /** Default 45 s. */
  startTimeoutMs?: number;
  /** A temporary directory holding the server's storage, which the suite removes when done. */
  scratchDir?: string;
}

/** A started server. */
export interface RunningServer {
  baseUrl: string;
  pid: number;
  /** Lines the server wrote to stdout so far. */
  stdout(): readonly string[];
  /** Lines the server wrote to stderr so far. */
  stderr(): readonly string[];
  /** Resolves with the first stdout line after index `from` that `match` accepts (rejects after `timeoutMs`). */
  waitForLine(match: (line: string) => boolean, options?: { from?: number; timeoutMs?: number }): Promise<string>;
  /** Stops the process group (SIGTERM, then SIGKILL after 5 s). */
  stop(): Promise<void>;
  /** Kills the process group with SIGKILL at once (a crash: no shutdown code runs); resolves at the exit. */
  kill(): Promise<void>;
}

/** Output and exit status of a process that ran to completion. */
export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function collectLines(stream: NodeJS.ReadableStream | null, into: string[], onLine: () => void): void {
  if (!stream) return;
  createInterface({ input: stream, crlfDelay: Infinity }).on("line", (line) => {
    into.push(line);
    onLine();
  });
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // the group is already gone
  }
}

async function untilHealthy(baseUrl: string, deadline: number): Promise<void> {
  for (;;) {
    try {
      const res = await fetch(`${baseUrl}/healthz`);
      await res.arrayBuffer();
      if (res.status === 200) return;
    } catch {
      // not accepting connections yet
    }
    if (Date.now() > deadline) throw new Error(`${baseUrl}/healthz did not answer 200 in time`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Starts `spec` and resolves once its `/healthz` answers 200. */
export async function startServer(spec: ServerSpec): Promise<RunningServer> {
  const child = spawn(spec.command, spec.args, {
    cwd: spec.cwd ?? process.cwd(),
    env: { ...process.env, ...spec.env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const out: string[] = [];
  const err: string[] = [];
  const waiters = new Set<() => void>();
  const notify = () => waiters.forEach((waiter) => waiter());
  collectLines(child.stdout, out, notify);
  collectLines(child.stderr, err, notify);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  // If the test process ends without `stop()` (a crash, an interrupted run), take the group along.
  const killOnExit = () => killGroup(child, "SIGKILL");
  process.once("exit", killOnExit);
  void exited.then(() => process.off("exit", killOnExit));
  let hasExited = false;
  void exited.then(() => {
    hasExited = true;
    notify();
  });

  const waitForLine: RunningServer["waitForLine"] = (match, options = {}) => {
    const from = options.from ?? 0;
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = [...out.slice(from), ...err].find(match);
        if (found !== undefined) return done(() => resolve(found));
        if (hasExited) done(() => reject(new Error(`${spec.name} exited:\n${[...out, ...err].join("\n")}`)));
      };
      const timer = setTimeout(() => done(() => reject(new Error(`${spec.name}: no matching line in time:\n${[...out, ...err].join("\n")}`))), options.timeoutMs ?? 5_000);
      const done = (settle: () => void) => {
        clearTimeout(timer);
        waiters.delete(check);
        settle();
      };
      waiters.add(check);
      check();
    });
  };

  const stop = async () => {
    if (hasExited) return;
    killGroup(child, "SIGTERM");
    const timer = setTimeout(() => killGroup(child, "SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
    // Children (e.g. workerd under wrangler) may outlive the leader by a moment.
    killGroup(child, "SIGKILL");
  };

  const kill = async () => {
    if (hasExited) return;
    killGroup(child, "SIGKILL");
    await exited;
  };

  const timeoutMs = spec.startTimeoutMs ?? 45_000;
  try {
    const readyLine = await waitForLine((line) => spec.readyUrl(line) !== null, { timeoutMs });
    const baseUrl = spec.readyUrl(readyLine) ?? "";
    await untilHealthy(baseUrl, Date.now() + timeoutMs);
    return { baseUrl, pid: child.pid ?? -1, stdout: () => out, stderr: () => err, waitForLine, stop, kill };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Runs a command to completion (for start-up failures), killing its group after `timeoutMs`. */
export function runToExit(command: string, args: string[], env: Record<string, string>, timeoutMs = 20_000): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"], detached: true });
    let stdout = "";
    let stderr = "";
    child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    const timer = setTimeout(() => {
      killGroup(child, "SIGKILL");
      reject(new Error(`${command} did not exit within ${timeoutMs} ms:\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.once("error", reject);
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}
