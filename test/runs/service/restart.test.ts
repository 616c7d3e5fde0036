/**
 * Faults lose nothing (issue §6): a service stopped mid-run on a SQLite file, and a new one on the
 * same file after `resumeActiveRuns()`, complete the run with the result a clean run gives and
 * an event log that continues without a gap or a repeat.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { normalizeBacktestRequest } from "../../../src/engine/index.ts";
import { createInMemoryDatasetStore } from "../../../src/runs/memory-dataset-store.ts";
import { createInMemoryRunStore } from "../../../src/runs/memory-run-store.ts";
import { RESUMED_MESSAGE } from "../../../src/runs/run-session.ts";
import { RunService } from "../../../src/runs/run-service.ts";
import type { RunEvent } from "../../../src/runs/run-types.ts";
import { createSqlDatasetStore } from "../../../src/runs/sql/sql-dataset-store.ts";
import { createSqlRunStore } from "../../../src/runs/sql/sql-run-store.ts";
import { openLocalDatabase } from "../../../src/runtime/sqlite/open-local-database.ts";
import { slowProvider } from "../../routes/backtests/slow-provider.ts";

const dir = mkdtempSync(join(tmpdir(), "glowback-restart-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const request = normalizeBacktestRequest({
  symbols: Array.from({ length: 12 }, (_, i) => `S${i}`), start_date: "2021-01-01", end_date: "2023-01-01", data_source: "sample",
  strategy: { name: "ma_crossover", params: { short_period: 5, long_period: 20 } }, benchmark_symbol: "SPY",
}, { runtime: "node", csvAllowed: false });
const caller = { keyId: null, requestId: "test" };

async function sqliteService(providerDelayMs: number) {
  const db = await openLocalDatabase(dir);
  const service = new RunService({ store: createSqlRunStore(db), datasets: createSqlDatasetStore(db), providerFor: () => slowProvider(providerDelayMs) });
  return { db, service };
}

async function allEvents(service: RunService, runId: string): Promise<RunEvent[]> {
  return (await service.events(runId, 0, 100_000)) ?? [];
}

async function contentHash(service: RunService, runId: string): Promise<string> {
  const found = await service.result(runId);
  if (found.kind !== "ready") throw new Error(`no result: ${found.kind}`);
  return found.etag;
}

it("a run stopped mid-way completes after a restart with the clean run's content hash and gap-free ids", async () => {
  const clean = new RunService({ store: createInMemoryRunStore(), datasets: createInMemoryDatasetStore() });
  const cleanRun = await clean.create(request, caller);
  await clean.idle();
  const cleanHash = await contentHash(clean, cleanRun.run_id);

  const first = await sqliteService(60);
  const { run_id: runId } = await first.service.create(request, caller);
  for (let i = 0; i < 200 && ((await first.service.get(runId))?.progress ?? 0) < 0.02; i++) await new Promise((r) => setTimeout(r, 20));
  const before = await allEvents(first.service, runId);
  const stoppedAt = await first.service.get(runId);
  expect(stoppedAt).toMatchObject({ state: "running" });
  expect(stoppedAt!.progress).toBeGreaterThan(0);
  expect(stoppedAt!.progress).toBeLessThan(0.05);
  await first.service.close();
  first.db.close();

  const second = await sqliteService(0);
  expect(await second.service.resumeActiveRuns()).toEqual([runId]);
  await second.service.idle();
  const status = await second.service.get(runId);
  expect(status).toMatchObject({ state: "completed", progress: 1, error: null, started_at: stoppedAt!.started_at });
  expect(await contentHash(second.service, runId)).toBe(cleanHash);

  const events = await allEvents(second.service, runId);
  expect(events.map((e) => e.event_id)).toEqual(events.map((_, i) => i + 1));
  expect(events.slice(0, before.length)).toEqual(before);
  expect(events.filter((e) => e.type === "state").map((e) => e.payload.state)).toEqual(["queued", "running", "completed"]);
  expect(events.filter((e) => e.type === "log" && e.payload.message === RESUMED_MESSAGE)).toHaveLength(1);
  const progress = events.filter((e) => e.type === "progress").map((e) => e.payload.progress as number);
  for (let i = 1; i < progress.length; i++) expect(progress[i]).toBeGreaterThan(progress[i - 1]);
  expect(progress[progress.length - 1]).toBe(1);
  const metricTimes = events.filter((e) => e.type === "metric").map((e) => String(e.payload.timestamp));
  expect(new Set(metricTimes).size).toBe(metricTimes.length);
  expect(events.filter((e) => e.type === "log" && String(e.payload.message).startsWith("Starting"))).toHaveLength(1);
  await second.service.close();
  second.db.close();
});
