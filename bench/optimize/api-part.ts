/**
 * The end-to-end part of `bench:optimize`: the bench optimisation through a real started Node
 * host (SQLite in a temporary data directory, `GLOWBACK_TRIAL_WORKERS` threads), timed from the
 * POST to the last byte of the results, for each requested `concurrency`. The server is stopped by
 * PID at the end, also on errors.
 */
import type { TrialResult } from "../../src/engine/index.ts";
import { startNodeServer } from "../runs/node-server.ts";
import type { ApiTarget } from "./api-client.ts";
import { createOptimization, getOptimizationTrials } from "./api-client.ts";
import { awaitCompletion } from "./await-completion.ts";
import type { CompletionSeen, WaitMode } from "./await-completion.ts";

const API_KEY = "bench-optimize-key-0123456789";
const RUN_TIMEOUT_MS = 90_000;

/** One optimisation through the API. */
export interface ApiMeasured {
  trials: TrialResult[];
  /** POST → results received, ms. */
  ms: number;
  createMs: number;
  /** 201 → completed seen, ms. */
  runMs: number;
  resultsMs: number;
  /** Σ trial `duration_ms` over `ms`: how many trials ran at once on average. */
  busy: number;
  seen: CompletionSeen;
}

/** Options of the API part. */
export interface ApiPartOptions {
  /** The `POST /v1/optimizations` body for a concurrency. */
  body(concurrency: number): Record<string, unknown>;
  concurrencies: readonly number[];
  trialWorkers: number;
  wait: WaitMode;
  /** Progress lines. */
  log(line: string): void;
  /** Runs after the first measured optimisation, before the next (e.g. to sample the machine's load). */
  between?(): Promise<void>;
}

/** POST → completed → GET results of one optimisation. */
export async function optimizeThroughApi(target: ApiTarget, body: Record<string, unknown>, wait: WaitMode): Promise<ApiMeasured> {
  const t0 = performance.now();
  const { optimization_id: id } = await createOptimization(target, body);
  const t1 = performance.now();
  const seen = await awaitCompletion(target, id, wait, RUN_TIMEOUT_MS);
  const t2 = performance.now();
  const trials = await getOptimizationTrials(target, id);
  const t3 = performance.now();
  const threadMs = trials.reduce((sum, t) => sum + t.duration_ms, 0);
  return { trials, ms: t3 - t0, createMs: t1 - t0, runMs: t2 - t1, resultsMs: t3 - t2, busy: threadMs / (t3 - t0), seen };
}

/** Starts the server, warms its pool up, measures each concurrency in order, stops the server. */
export async function measureThroughApi(options: ApiPartOptions): Promise<Map<number, ApiMeasured>> {
  const server = await startNodeServer(API_KEY, { GLOWBACK_TRIAL_WORKERS: String(options.trialWorkers) });
  options.log(`API server pid ${server.pid} at ${server.baseUrl} (GLOWBACK_TRIAL_WORKERS=${options.trialWorkers}, wait: ${options.wait})`);
  const target: ApiTarget = { baseUrl: server.baseUrl, apiKey: API_KEY };
  try {
    // Starts every pool thread and compiles the trial code before anything is timed.
    const threads = Math.max(options.trialWorkers, 1);
    await optimizeThroughApi(target, { ...options.body(threads), name: "bench-optimize-warm-up", max_trials: 2 * threads }, options.wait);
    const measured = new Map<number, ApiMeasured>();
    for (const concurrency of options.concurrencies) {
      const m = await optimizeThroughApi(target, options.body(concurrency), options.wait);
      options.log(`API concurrency ${concurrency}: ${m.ms.toFixed(0)} ms (create ${m.createMs.toFixed(0)}, run ${m.runMs.toFixed(0)}, results ${m.resultsMs.toFixed(0)} ms; ${m.seen.count} ${m.seen.mode === "stream" ? "events" : "status requests"})`);
      measured.set(concurrency, m);
      if (measured.size === 1) await options.between?.();
    }
    return measured;
  } finally {
    await server.stop();
  }
}
