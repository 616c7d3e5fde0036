/**
 * `npm run bench:optimize` (issue 6): a 100-trial grid optimisation of `ma_crossover`
 * (short_period 2..11 × long_period 20..65, so no combination breaks short < long) over 10 sample
 * symbols × 10 years of daily bars, holdout validation, driven by the engine's `streamOptimization`:
 *  (a) the worker-thread pool with 1 thread and `concurrency: 1`,
 *  (b) the pool with 2 threads and `concurrency: 2`,
 *  (c) `runTrial` in this thread, the baseline;
 * all in the same process run. Prints trials/s of each, the speed-up (b)/(a), and whether all three
 * produced identical trials (`duration_ms` and proposal lineage aside: lineage depends on concurrency).
 * Each pool is warmed up (threads started, code compiled) on another optimisation first. The
 * machines are shared: timings drift, so compare the ratios of one run, not absolute figures; the
 * bench also measures how much parallelism the machine offered (two spin loops against one).
 */
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { createSampleProvider, normalizeOptimizationRequest, streamOptimization } from "../src/engine/index.ts";
import type { OptimizationRequest, TrialResult, TrialSpec } from "../src/engine/index.ts";
import { createNodeHasher } from "../src/runtime/local/node-hasher.ts";
import { createTrialWorkerPool } from "../src/runtime/local/trial-pool/index.ts";

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

/** What must be identical between the three: everything but timing and lineage. */
function comparable(trials: TrialResult[]): string {
  const sorted = [...trials].sort((a, b) => a.number - b.number);
  return JSON.stringify(sorted.map(({ number, parameters, status, objective, metrics, error }) => ({ number, parameters, status, objective, metrics, error })));
}

function row(label: string, m: Measured, baseline: Measured): string {
  const rate = m.trials.length / (m.ms / 1000);
  const busy = m.busy === undefined ? "—" : m.busy.toFixed(2);
  return `| ${label} | ${m.trials.length} | ${(m.ms / 1000).toFixed(2)} s | ${rate.toFixed(1)} | ${(baseline.ms / m.ms).toFixed(2)} × | ${busy} |`;
}

async function main(): Promise<void> {
  await drive({ ...optimizeBenchRequest(1), max_trials: 2 });
  const inProcess = await drive(optimizeBenchRequest(1));
  console.log(`in-process: ${inProcess.ms.toFixed(0)} ms`);
  const one = await viaPool(1, 1);
  console.log(`pool 1 thread, concurrency 1: ${one.ms.toFixed(0)} ms`);
  const machine = await machineParallelism();
  console.log(`machine parallelism now: ${machine.toFixed(2)}`);
  const two = await viaPool(2, 2);
  console.log(`pool 2 threads, concurrency 2: ${two.ms.toFixed(0)} ms`);
  const identical = comparable(one.trials) === comparable(inProcess.trials) && comparable(two.trials) === comparable(inProcess.trials);
  const failed = inProcess.trials.filter((t) => t.status !== "completed").length;

  console.log("");
  console.log(`| 100-trial grid, ma_crossover, ${SYMBOLS.length} symbols × 10 years daily (sample), holdout | trials | wall | trials/s | vs in-process | trials at once (thread time / wall) |`);
  console.log("|---|---|---|---|---|---|");
  console.log(row("(c) in-process `runTrial` (main thread, baseline)", inProcess, inProcess));
  console.log(row("(a) worker pool, 1 thread, concurrency 1", one, inProcess));
  console.log(row("(b) worker pool, 2 threads, concurrency 2", two, inProcess));
  console.log("");
  console.log(`speed-up of concurrency 2 over 1 (b)/(a): ${(one.ms / two.ms).toFixed(2)} × (2 cores)`);
  console.log(`parallelism the machine offered meanwhile (two CPU-bound threads vs one, ideal 2.00): ${machine.toFixed(2)} ×`);
  console.log(`identical trials in (a), (b), (c): ${identical ? "yes" : "NO"} (${inProcess.trials.length} trials, ${failed} failed)`);
  if (!identical || failed > 0 || inProcess.trials.length !== 100) process.exitCode = 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
