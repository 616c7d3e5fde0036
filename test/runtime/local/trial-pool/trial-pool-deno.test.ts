/** The trial pool under Deno (`node:worker_threads` loading the `.ts` worker natively). */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../../../", import.meta.url));
const DENO = join(ROOT, "node_modules/deno/deno");

function runDeno(): Promise<{ code: number; stdout: string; stderr: string }> {
  const args = ["run", "--allow-read", "--allow-env", "test/runtime/local/trial-pool/deno-runner.ts"];
  return new Promise((resolve) => {
    execFile(DENO, args, { cwd: ROOT, timeout: 60_000, env: { ...process.env, NO_COLOR: "1" } }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === "number" ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

describe("trial worker pool on Deno", () => {
  it("gives the in-process results on two threads and aborts a running trial", { timeout: 60_000 }, async () => {
    const { code, stdout, stderr } = await runDeno();
    const line = stdout.trim().split("\n").pop() ?? "";
    let summary: unknown;
    try {
      summary = JSON.parse(line);
    } catch {
      throw new Error(`deno-runner printed no summary (exit ${code}).\nstdout: ${stdout}\nstderr: ${stderr}`);
    }
    expect(summary).toEqual({
      runtime: "deno", identical: true, statuses: ["completed", "completed", "completed"], threads: [1, 2], abortedWith: "deno-cancel", lost: 0,
    });
    expect(code).toBe(0);
  });
});
