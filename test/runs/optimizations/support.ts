/** A deterministic synthetic trial evaluator, request builders and helpers for the session and service tests. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { normalizeOptimizationRequest } from "../../../src/engine/optimize/normalize-optimization.ts";
import type { OptimizationRequest, ParamSet, TrialResult } from "../../../src/engine/optimize/types.ts";
import { createSha256Hasher } from "../../../src/engine/util/hasher.ts";
import { createInMemoryOptimizationStore } from "../../../src/runs/optimizations/memory-optimization-store.ts";
import type { OptimizationService } from "../../../src/runs/optimizations/optimization-service.ts";
import type { OptimizationStore } from "../../../src/runs/optimizations/optimization-store.ts";
import type { OptimizationEvent } from "../../../src/runs/optimizations/optimization-types.ts";
import type { TrialEvaluator, TrialJob } from "../../../src/runs/optimizations/trial-evaluator.ts";
import { createSqlOptimizationStore } from "../../../src/runs/sql/sql-optimization-store.ts";
import { openBetterSqlite3 } from "../../../src/runtime/sqlite/better-sqlite3-driver.ts";

/** Normalises an optimisation of ma_crossover over `short_period` × `long_period`, with `patch`. */
export function optimizationRequest(patch: Record<string, unknown> = {}): OptimizationRequest {
  return normalizeOptimizationRequest({
    name: "synthetic", strategy: "random", max_trials: 12, concurrency: 3, random_seed: 7,
    search_space: { parameters: [
      { name: "short_period", kind: "int_range", low: 2, high: 20 },
      { name: "long_period", kind: "int_range", low: 25, high: 80 },
    ] },
    base_backtest: {
      symbols: ["AAA", "BBB"], start_date: "2020-01-01", end_date: "2022-01-01",
      strategy: { name: "ma_crossover", params: { short_period: 5, long_period: 30 } },
    },
    ...patch,
  }, { runtime: "node", csvAllowed: false });
}

/** The synthetic objective: best at short 6, long 40. */
export function objectiveOf(p: ParamSet): number {
  return -(((p.short_period as number) - 6) ** 2) - (((p.long_period as number) - 40) / 5) ** 2;
}

/** Options of a synthetic evaluator. */
export interface SyntheticOptions {
  /** Delay of trial `number`, ms (default 2). */
  delayMs?(number: number): number;
  /** Trials that come back `failed`. */
  failing?(number: number): boolean;
  /** Trials whose evaluation rejects (an infrastructure failure). */
  rejecting?(number: number): boolean;
  /** A promise trial `number` waits for before its delay starts (a gate the test opens), or undefined. */
  hold?(number: number): Promise<void> | undefined;
}

/** A gate: `wait` resolves once `open()` was called. */
export function gate(): { wait: Promise<void>; open(): void } {
  let open!: () => void;
  const wait = new Promise<void>((resolve) => (open = resolve));
  return { wait, open };
}

/** Evaluates trials with `objectiveOf` after a controllable delay; records calls, aborts and concurrency. */
export class SyntheticEvaluator implements TrialEvaluator {
  readonly calls: number[] = [];
  readonly aborted: number[] = [];
  readonly finished: number[] = [];
  inFlight = 0;
  maxInFlight = 0;

  constructor(private readonly options: SyntheticOptions = {}) {}

  evaluate(job: TrialJob, signal: AbortSignal): Promise<TrialResult> {
    const { spec } = job;
    this.calls.push(spec.number);
    if (signal.aborted) return Promise.reject(signal.reason);
    this.maxInFlight = Math.max(this.maxInFlight, ++this.inFlight);
    return new Promise((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const finish = () => {
        this.inFlight--;
        signal.removeEventListener("abort", onAbort);
        this.finished.push(spec.number);
        if (this.options.rejecting?.(spec.number)) return reject(new Error(`worker lost running trial ${spec.number}`));
        const failed = this.options.failing?.(spec.number) ?? false;
        resolve({
          number: spec.number, parameters: spec.parameters, status: failed ? "failed" : "completed", objective: failed ? null : objectiveOf(spec.parameters),
          metrics: failed ? {} : { validation_sharpe_ratio: objectiveOf(spec.parameters) }, duration_ms: 0, error: failed ? "synthetic failure" : null,
          proposal: spec.proposal,
        });
      };
      const startTimer = () => {
        if (!signal.aborted) timer = setTimeout(finish, this.options.delayMs?.(spec.number) ?? 2);
      };
      const held = this.options.hold?.(spec.number);
      if (held) void held.then(startTimer);
      else startTimer();
      const onAbort = () => {
        clearTimeout(timer);
        this.inFlight--;
        this.aborted.push(spec.number);
        reject(signal.reason);
      };
      signal.addEventListener("abort", onAbort, { once: true });
    });
  }
}

const root = mkdtempSync(join(tmpdir(), "glowback-opt-service-"));
let counter = 0;

/** A fresh database file path. */
export function freshDbPath(): string {
  return join(root, `db-${++counter}`, "glowback.sqlite");
}

/** The stores the session tests run against. */
export const STORE_KINDS: { name: string; open(): { store: OptimizationStore; close(): void } }[] = [
  { name: "memory", open: () => ({ store: createInMemoryOptimizationStore(), close: () => undefined }) },
  {
    name: "sqlite",
    open: () => {
      const db = openBetterSqlite3(freshDbPath());
      return { store: createSqlOptimizationStore(db), close: () => db.close() };
    },
  },
];

/** Every stored event of `id`. */
export async function allEvents(store: OptimizationStore, id: string): Promise<OptimizationEvent[]> {
  return store.readEvents(id, 0, 1_000_000);
}

/** Polls `probe` every 2 ms until it is true (fails after `ms`). */
export async function waitFor(probe: () => Promise<boolean> | boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error("condition not reached in time");
    await new Promise((r) => setTimeout(r, 2));
  }
}

/** The served result of `id` as text and its ETag. */
export async function servedResult(service: OptimizationService, id: string): Promise<{ text: string; etag: string }> {
  const found = await service.optimizationResult(id);
  if (found.kind !== "ready") throw new Error(`no result: ${found.kind}`);
  return { text: await new Response(found.body).text(), etag: found.etag };
}

/** SHA-256 hex of `text`. */
export function sha256(text: string): string {
  const h = createSha256Hasher();
  h.update(new TextEncoder().encode(text));
  return h.digestHex();
}

/** Trials without their timing, for comparing executions. */
export function withoutTiming(trials: readonly TrialResult[]): Omit<TrialResult, "duration_ms">[] {
  return trials.map(({ duration_ms: _d, ...rest }) => rest);
}

export const CALLER = { keyId: "k1", requestId: "req-1" };

/** Removes every database file made by `freshDbPath` (call from `afterAll`). */
export function removeDbFiles(): void {
  rmSync(root, { recursive: true, force: true });
}
