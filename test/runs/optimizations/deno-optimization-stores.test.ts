/** The optimisation store contract under Deno over `node:sqlite`, run by `contract/deno-runner.ts` in a child process. */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { OPTIMIZATION_CONTRACT_CHECKS } from "./contract/contract.ts";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const DENO = join(ROOT, "node_modules/deno/deno");
const dir = mkdtempSync(join(tmpdir(), "glowback-opt-deno-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runDeno(): Promise<{ code: number; stdout: string; stderr: string }> {
  const args = ["run", "--allow-read", "--allow-write", "--allow-env", "test/runs/optimizations/contract/deno-runner.ts", dir];
  return new Promise((resolve) => {
    execFile(DENO, args, { cwd: ROOT, timeout: 60_000, env: { ...process.env, NO_COLOR: "1" } }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === "number" ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

describe("Deno (node:sqlite) optimisation stores satisfy the contract", () => {
  it("passes every check", { timeout: 60_000 }, async () => {
    const { code, stdout, stderr } = await runDeno();
    const line = stdout.trim().split("\n").pop() ?? "";
    let summary: { runtime: string; passed: number; failed: { suite: string; name: string; error: string }[]; checks: Record<string, string[]> };
    try {
      summary = JSON.parse(line);
    } catch {
      throw new Error(`deno-runner printed no summary (exit ${code}).\nstdout: ${stdout}\nstderr: ${stderr}`);
    }
    const report = summary.failed.map((f) => `[${f.suite}] ${f.name}: ${f.error}`).join("\n");
    expect(summary.failed, `failed checks under Deno:\n${report}`).toEqual([]);
    expect(summary.runtime).toBe("deno");
    const names = OPTIMIZATION_CONTRACT_CHECKS.map((c) => c.name);
    expect(summary.checks).toEqual({ "node:sqlite": names, memory: names });
    expect(summary.passed).toBe(names.length * 2);
    expect(code).toBe(0);
  });
});
