/**
 * In-process timing of every phase of a large run (no HTTP): sample data, simulation, result
 * building (by section), `splitResult`, the SQLite write and `JSON.stringify` of the summary.
 * Run: `npx tsx bench/runs/phases.ts [symbols] [rounds]`; add `node --cpu-prof` for a profile.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSampleProvider, normalizeBacktestRequest } from "../../src/engine/index.ts";
import { buildResultSteps } from "../../src/engine/report/build-result.ts";
import { drainCooperatively } from "../../src/engine/run/cooperative.ts";
import { loadRunData } from "../../src/engine/run/load-data.ts";
import { simulate } from "../../src/engine/simulation/simulate.ts";
import { splitResult } from "../../src/runs/result-parts.ts";
import { openBetterSqlite3 } from "../../src/runtime/sqlite/better-sqlite3-driver.ts";
import { createSqlRunStore } from "../../src/runs/sql/sql-run-store.ts";
import { bigRunBody } from "./requests.ts";

const symbols = Number(process.argv[2] ?? 500);
const rounds = Number(process.argv[3] ?? 3);

async function time<T>(label: string, fn: () => T | Promise<T>, out: Map<string, number>): Promise<T> {
  const t0 = performance.now();
  const value = await fn();
  out.set(label, (out.get(label) ?? 0) + performance.now() - t0);
  return value;
}

const dir = mkdtempSync(join(tmpdir(), "glowback-phases-"));
try {
  const db = openBetterSqlite3(join(dir, "bench.sqlite"));
  const store = createSqlRunStore(db);
  for (let round = 0; round < rounds; round++) {
    const t = new Map<string, number>();
    const request = normalizeBacktestRequest(bigRunBody(symbols), { runtime: "node", csvAllowed: false, maxSymbols: symbols });
    const data = await time("data", async () => {
      const gen = loadRunData(request, createSampleProvider());
      let s = await gen.next();
      while (!s.done) s = await gen.next();
      return s.value;
    }, t);
    const output = await time("simulate", async () => {
      const gen = simulate({ request, series: data.symbols.map((l) => l.series), quality: data.symbols.map((l) => l.quality) });
      let s = await gen.next();
      while (!s.done) s = await gen.next();
      return s.value;
    }, t);
    // Paced as the run service paces it: the longest synchronous slice is what the host's event loop sees.
    let longest = 0;
    let sliceStart = performance.now();
    const pace = {
      now: () => performance.now(),
      yieldControl: async () => {
        longest = Math.max(longest, performance.now() - sliceStart);
        await new Promise((resolve) => setTimeout(resolve, 0));
        sliceStart = performance.now();
      },
    };
    const steps = buildResultSteps({ runId: `r${round}`, request, output, benchmark: data.benchmark, source: "sample" });
    const result = await time("buildResult", () => drainCooperatively(steps, pace), t);
    longest = Math.max(longest, performance.now() - sliceStart);
    const parts = await time("splitResult", () => splitResult(result), t);
    const runId = `r${round}`;
    await store.createRun(
      { request, key_id: null, status: { run_id: runId, state: "queued", progress: 0, created_at: new Date().toISOString(), started_at: null, finished_at: null, error: null } },
      { type: "state" as const, timestamp: new Date().toISOString(), payload: { state: "queued" } },
    );
    await time("sqlite putResult", () => store.putResult(runId, parts), t);
    const summary = await time("sqlite getResultSummary", () => store.getResultSummary(runId), t);
    const total = [...t.values()].reduce((a, b) => a + b, 0);
    const cells = [...t.entries()].map(([k, v]) => `${k} ${v.toFixed(0)}`).join(" | ");
    console.log(`round ${round + 1}: ${cells} | total ${total.toFixed(0)} ms | trades ${result.trades.length} | summary ${(summary!.length / 1e6).toFixed(2)} MB | chunks ${Object.values(parts.sections).reduce((a, s) => a + s.chunks.length, 0)} | longest buildResult slice ${longest.toFixed(1)} ms`);
  }
  db.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
