/**
 * `npm run bench:optimize` (issue 6): a 100-trial grid optimisation of `ma_crossover`
 * (short_period 2..11 × long_period 20..65, so no combination breaks short < long) over 10 sample
 * symbols × 10 years of daily bars, holdout validation.
 * Library part, driven by the engine's `streamOptimization`:
 *  (a) the worker-thread pool with 1 thread and `concurrency: 1`,
 *  (b) the pool with 2 threads and `concurrency: 2`;
 * API part, through a real started Node host (SQLite in a temporary data dir, 2 trial threads,
 * stopped by PID at the end, also on errors), timed from the POST to the end of `GET …/results`:
 *  (d) `concurrency: 1`, (e) `concurrency: 2`;
 * and always (c) `runTrial` in this thread, the baseline every row is compared with,
 * all in the same process run. Prints trials/s of each, the speed-ups (b)/(a) and (e)/(d), and
 * whether all produced the trials of (c) (`duration_ms` and proposal lineage aside: lineage
 * depends on concurrency). Pools and the server are warmed up (threads started, code compiled) on
 * another optimisation first. The machines are shared: timings drift, so compare the ratios of one
 * run, not absolute figures; the bench also measures how much parallelism the machine offered
 * (two spin loops against one) between the concurrency-1 and concurrency-2 measurements.
 * Options (env): BENCH_PARTS (`library,api`; e.g. `api` for the API part only), BENCH_API_WAIT
 * (`stream`: the WebSocket stream, default; `poll`: the status every 20 ms), BENCH_API_TRIAL_WORKERS (2).
 */
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { createSampleProvider, normalizeOptimizationRequest, streamOptimization } from "../src/engine/index.ts";
import type { OptimizationRequest, TrialResult, TrialSpec } from "../src/engine/index.ts";
import { createNodeHasher } from "../src/runtime/local/node-hasher.ts";
import { createTrialWorkerPool } from "../src/runtime/local/trial-pool/index.ts";
import { measureThroughApi } from "./optimize/api-part.ts";
import type { ApiMeasured } from "./optimize/api-part.ts";
import type { WaitMode } from "./optimize/await-completion.ts";
import { comparableTrials } from "./optimize/comparable-trials.ts";

const SYMBOLS = Array.from({ length: 10 }, (_, i) => `OPT${i}`);

/** The `POST /v1/optimizations` body of the bench: 10 × 10 grid, 100 trials. */
export function optimizeBenchBody(concurrency: number): Record<string, unknown> {
  return {
    name: `bench-optimize-c${concurrency}`,
    strategy: "grid",
    grid_steps: 10,
    max_trials: 100,
    concurrency,
    objective_metric: "sharpe_ratio",
    validation_mode: "holdout",
    search_space: {
      parameters: [
        { name: "short_period", kind: "int_range", low: 2, high: 11 },
        { name: "long_period", kind: "int_range", low: 20, high: 65 },
      ],
    },
    base_backtest: {
      symbols: SYMBOLS, start_date: "2010-01-01", end_date: "2020-01-01", resolution: "day", data_source: "sample",
      strategy: { name: "ma_crossover", params: {} },
    },
  };
}

/** The bench body, normalised as the API would. */
export function optimizeBenchRequest(concurrency: number): OptimizationRequest {
  return normalizeOptimizationRequest(optimizeBenchBody(concurrency), { runtime: "node", csvAllowed: false });
}

interface Measured {
  trials: TrialResult[];
  ms: number;
  /** Sum of the threads' own trial times over the wall time: how many trials ran at once on average. */
  busy?: number;
}

async function drive(request: OptimizationRequest, evaluate?: (spec: TrialSpec) => Promise<TrialResult>): Promise<Measured> {
  const t0 = performance.now();
  const run = streamOptimization(request, evaluate ? { evaluate } : { trial: { provider: createSampleProvider(), createHasher: createNodeHasher } });
  let step = await run.next();
  while (!step.done) step = await run.next();
  return { trials: step.value.trials, ms: performance.now() - t0 };
}

async function viaPool(threads: number, concurrency: number): Promise<Measured> {
  let busyMs = 0;
  const pool = createTrialWorkerPool({
    size: threads, providerFor: () => createSampleProvider(),
    observe: (e) => { if (e.type === "finished") busyMs += e.finishedAt - e.startedAt; },
  });
  const signal = new AbortController().signal;
  try {
    const warm = { ...optimizeBenchRequest(threads), max_trials: threads * 2 };
    await drive(warm, (spec) => pool.evaluate({ optimizationId: "warm-up", request: warm, spec }, signal));
    busyMs = 0;
    const request = optimizeBenchRequest(concurrency);
    const measured = await drive(request, (spec) => pool.evaluate({ optimizationId: `bench-c${concurrency}`, request, spec }, signal));
    return { ...measured, busy: busyMs / measured.ms };
  } finally {
    await pool.close();
  }
}

// A fixed CPU-bound loop (no memory traffic) for a thread; it posts its own run time.
const SPIN = `const t0 = performance.now(); let x = 0; for (let i = 0; i < 3e8; i++) x = (x * 31 + i) | 0;
require("node:worker_threads").parentPort.postMessage([performance.now() - t0, x]);`;

function spin(): Promise<number> {
  return new Promise((resolve, reject) => {
    const w = new Worker(SPIN, { eval: true });
    w.once("message", ([ms]: [number]) => { void w.terminate(); resolve(ms); });
    w.once("error", reject);
  });
}

/**
 * The parallelism the machine offers right now: wall time of one spin loop over that of two run
 * at once, times two (2.0 on two idle cores; less when other processes compete for them).
 */
async function machineParallelism(): Promise<number> {
  const t0 = performance.now();
  await spin();
  const one = performance.now() - t0;
  const t1 = performance.now();
  await Promise.all([spin(), spin()]);
  return (2 * one) / (performance.now() - t1);
}

function row(label: string, m: Measured, baseline: Measured): string {
  const rate = m.trials.length / (m.ms / 1000);
  const busy = m.busy === undefined ? "—" : m.busy.toFixed(2);
  return `| ${label} | ${m.trials.length} | ${(m.ms / 1000).toFixed(2)} s | ${rate.toFixed(1)} | ${(baseline.ms / m.ms).toFixed(2)} × | ${busy} |`;
}

type Part = "library" | "api";

/** `BENCH_PARTS`: a comma-separated subset of `library,api` (default both). */
function benchParts(raw = "library,api"): Set<Part> {
  const parts = raw.split(",").map((p) => p.trim()).filter((p) => p !== "");
  const unknown = parts.filter((p) => p !== "library" && p !== "api");
  if (unknown.length > 0 || parts.length === 0) throw new Error(`BENCH_PARTS: expected a comma-separated subset of library,api, got ${JSON.stringify(raw)}`);
  return new Set(parts as Part[]);
}

/** `BENCH_API_WAIT`: `stream` (WebSocket, default) or `poll` (status every 20 ms). */
function waitMode(raw = "stream"): WaitMode {
  if (raw !== "stream" && raw !== "poll") throw new Error(`BENCH_API_WAIT: expected stream or poll, got ${JSON.stringify(raw)}`);
  return raw;
}

/** `BENCH_API_TRIAL_WORKERS`: the server's `GLOWBACK_TRIAL_WORKERS` (default 2). */
function apiTrialWorkers(raw = "2"): number {
  if (!/^\d+$/.test(raw.trim())) throw new Error(`BENCH_API_TRIAL_WORKERS: expected a thread count, got ${JSON.stringify(raw)}`);
  return Number(raw);
}

async function main(): Promise<void> {
  const parts = benchParts(process.env.BENCH_PARTS);
  const wait = waitMode(process.env.BENCH_API_WAIT);
  const apiWorkers = apiTrialWorkers(process.env.BENCH_API_TRIAL_WORKERS);
  const log = (line: string) => console.log(line);

  // The in-process run is the baseline of every row and the reference the others must equal.
  await drive({ ...optimizeBenchRequest(1), max_trials: 2 });
  const inProcess = await drive(optimizeBenchRequest(1));
  log(`in-process: ${inProcess.ms.toFixed(0)} ms`);
  const rows: [string, Measured][] = [["(c) in-process `runTrial` (main thread, baseline)", inProcess]];
  const machine: string[] = [];
  const measureMachine = async (when: string) => {
    const m = await machineParallelism();
    log(`machine parallelism now: ${m.toFixed(2)}`);
    machine.push(`${m.toFixed(2)} × (${when})`);
  };

  let lib: { one: Measured; two: Measured } | undefined;
  if (parts.has("library")) {
    const one = await viaPool(1, 1);
    log(`pool 1 thread, concurrency 1: ${one.ms.toFixed(0)} ms`);
    await measureMachine("between (a) and (b)");
    const two = await viaPool(2, 2);
    log(`pool 2 threads, concurrency 2: ${two.ms.toFixed(0)} ms`);
    rows.push(["(a) worker pool, 1 thread, concurrency 1", one], ["(b) worker pool, 2 threads, concurrency 2", two]);
    lib = { one, two };
  }

  let api: { one: ApiMeasured; two: ApiMeasured } | undefined;
  if (parts.has("api")) {
    const measured = await measureThroughApi({
      body: optimizeBenchBody, concurrencies: [1, 2], trialWorkers: apiWorkers, wait, log,
      between: () => measureMachine("between (d) and (e)"),
    });
    const one = measured.get(1);
    const two = measured.get(2);
    if (!one || !two) throw new Error("the API part measured no optimisation");
    const how = `API, Node host with ${apiWorkers} trial threads: POST → completed (${wait === "stream" ? "WebSocket" : "status every 20 ms"}) → GET results`;
    rows.push([`(d) ${how}, concurrency 1`, one], [`(e) ${how}, concurrency 2`, two]);
    api = { one, two };
  }

  const reference = comparableTrials(inProcess.trials);
  const tag = (label: string) => label.slice(0, 3);
  const different = rows.filter(([, m]) => comparableTrials(m.trials) !== reference).map(([label]) => tag(label));
  const failed = inProcess.trials.filter((t) => t.status !== "completed").length;
  const seenTrials = api ? [api.one.seen.trials, api.two.seen.trials] : [];

  log("");
  log(`| 100-trial grid, ma_crossover, ${SYMBOLS.length} symbols × 10 years daily (sample), holdout | trials | wall | trials/s | vs in-process | trials at once (thread time / wall) |`);
  log("|---|---|---|---|---|---|");
  for (const [label, m] of rows) log(row(label, m, inProcess));
  log("");
  if (lib) log(`speed-up of concurrency 2 over 1, library (b)/(a): ${(lib.one.ms / lib.two.ms).toFixed(2)} × (2 cores)`);
  if (api) log(`speed-up of concurrency 2 over 1, API (e)/(d): ${(api.one.ms / api.two.ms).toFixed(2)} × (2 cores)`);
  if (lib && api) log(`API end to end over the library pool at the same concurrency: (d)/(a) ${(api.one.ms / lib.one.ms).toFixed(2)} ×, (e)/(b) ${(api.two.ms / lib.two.ms).toFixed(2)} × of the wall time`);
  log(`parallelism the machine offered meanwhile (two CPU-bound threads vs one, ideal 2.00): ${machine.join(", ")}`);
  if (api) {
    const seen = wait === "stream" ? "`trial` events on the streams" : "final `completed_trials`";
    log(`API trials at once = Σ trial duration_ms / wall; ${seen} of (d), (e): ${seenTrials.join(", ")}`);
  }
  const verdict = different.length === 0 ? "yes" : `NO: ${different.join(", ")} differ from (c)`;
  log(`identical trials (number, parameters, status, objective, metrics, error) in ${rows.map(([label]) => tag(label)).join(", ")}: ${verdict} (${inProcess.trials.length} trials, ${failed} failed)`);
  const complete = rows.every(([, m]) => m.trials.length === 100) && seenTrials.every((n) => n === 100);
  if (different.length > 0 || failed > 0 || !complete) process.exitCode = 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
