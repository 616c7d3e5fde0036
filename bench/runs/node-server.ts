/**
 * Starts the real Node host (`node --import tsx src/runtime/node.ts`) on a free loopback port
 * with SQLite in a temporary data directory and stdout in a file, and stops it by its PID.
 */
import { spawn } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A started server. */
export interface BenchServer {
  baseUrl: string;
  pid: number;
  /** Stops the server (SIGTERM, SIGKILL after 5 s) and removes its data directory. */
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 30_000;

/** The port of the server's `listening` log line, or null when it has not been written yet. */
export function listeningPort(stdout: string): number | null {
  for (const line of stdout.split("\n")) {
    if (!line.includes('"listening"')) continue;
    try {
      const entry = JSON.parse(line) as { event?: string; port?: number };
      if (entry.event === "listening" && typeof entry.port === "number") return entry.port;
    } catch {
      // a partly written line: read again later
    }
  }
  return null;
}

/** Starts the Node host with `apiKey` and `env`; resolves once it logged `listening`. */
export async function startNodeServer(apiKey: string, env: Record<string, string> = {}): Promise<BenchServer> {
  const dir = mkdtempSync(join(tmpdir(), "glowback-bench-runs-"));
  const logFile = join(dir, "stdout.log");
  const out = openSync(logFile, "w");
  const child = spawn(process.execPath, ["--import", "tsx", "src/runtime/node.ts"], {
    cwd: process.cwd(),
    env: {
      ...process.env, PORT: "0", HOST: "127.0.0.1", GLOWBACK_API_KEY: apiKey, GLOWBACK_DATA_DIR: join(dir, "data"),
      GLOWBACK_STORAGE: "sqlite",
      // The benchmark is one client on loopback: lift the per-key and per-stream limits.
      GLOWBACK_RATE_LIMIT: "1000000", GLOWBACK_MAX_STREAMS_PER_KEY: "10000", GLOWBACK_MAX_SUBSCRIBERS_PER_RUN: "10000",
      ...env,
    },
    stdio: ["ignore", out, "inherit"],
  });
  closeSync(out);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const pid = child.pid;
  if (pid === undefined) throw new Error("the server did not start");
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      process.kill(pid, "SIGTERM");
      const timer = setTimeout(() => child.exitCode === null && child.signalCode === null && process.kill(pid, "SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    const port = listeningPort(readFileSync(logFile, "utf8"));
    if (port !== null) return { baseUrl: `http://127.0.0.1:${port}`, pid, stop };
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`the server ${child.exitCode !== null ? `exited with ${child.exitCode}` : "did not log listening in time"}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
