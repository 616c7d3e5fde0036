/**
 * Starts the real Node host (`src/runtime/node.ts`) as a child process on 127.0.0.1 with an
 * OS-chosen port, and stops it by its PID.
 */
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** A running server: its origin, what it printed, and how to stop it. */
export interface NodeServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  pid: number;
  /** Every stdout/stderr line so far (JSON log lines). */
  output: string[];
  stop(): Promise<void>;
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/**
 * Spawns the Node host (or another entry `script` that logs the same `listening` line) with `env`
 * added to a minimal environment and waits for its `listening` line.
 */
export async function startNodeServer(env: Record<string, string>, startupMs = 30_000, script = "src/runtime/node.ts"): Promise<NodeServer> {
  const dataDir = mkdtempSync(join(tmpdir(), "glowback-browser-"));
  // `node --import tsx` (not `npx tsx`) so the PID we hold is the server itself, not a wrapper.
  const child = spawn(process.execPath, ["--import", "tsx", script], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? tmpdir(),
      HOST: "127.0.0.1",
      PORT: "0",
      GLOWBACK_STORAGE: "memory",
      GLOWBACK_DATA_DIR: dataDir,
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  const stop = async () => {
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      process.kill(child.pid, "SIGTERM");
      if (!(await waitForExit(child, 5_000))) {
        process.kill(child.pid, "SIGKILL");
        await waitForExit(child, 5_000);
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not log "listening" within ${startupMs} ms:\n${output.join("\n")}`)), startupMs);
    const onLine = (line: string) => {
      output.push(line);
      try {
        const entry = JSON.parse(line) as { event?: string; port?: number };
        if (entry.event === "listening" && typeof entry.port === "number") {
          clearTimeout(timer);
          resolve(entry.port);
        }
      } catch {
        // Not a JSON log line (e.g. a stack trace); kept in `output` for the failure message.
      }
    };
    let pending = "";
    const onData = (chunk: Buffer) => {
      pending += chunk.toString("utf8");
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) if (line.trim() !== "") onLine(line);
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`server exited (code ${code}, signal ${signal}) before listening:\n${output.join("\n")}`));
    });
  }).catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  return { origin: `http://127.0.0.1:${port}`, pid: child.pid ?? -1, output, stop };
}
