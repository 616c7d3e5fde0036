/** The public run API: `streamBacktest` (async iterator) and `runBacktest` (callback form). */
import { buildResultSteps } from "../report/build-result.ts";
import type { BacktestResult } from "../report/result-types.ts";
import { simulate } from "../simulation/simulate.ts";
import type { SimulationOutput } from "../simulation-types.ts";
import { toIso } from "../util/time.ts";
import { drainCooperatively } from "./cooperative.ts";
import { loadRunData } from "./load-data.ts";
import type { RunData } from "./load-data.ts";
import { ProgressTracker, SIMULATION_END, simulationProgress } from "./progress.ts";
import type { BacktestRunEvent, RunBacktestOptions } from "./run-types.ts";
import { throwIfAborted } from "./run-types.ts";

/**
 * Runs a backtest: loads data, checks quality per `data_quality_mode`, simulates, and builds the
 * result. Yields progress (monotone, the last one exactly 1), live `metric` points and logs; returns
 * the result. Throws `EngineValidationError` for fixable data problems and an `AbortError` when
 * `signal` aborts.
 */
export async function* streamBacktest(options: RunBacktestOptions): AsyncGenerator<BacktestRunEvent, BacktestResult, void> {
  const { request, provider, signal } = options;
  const tracker = new ProgressTracker();
  throwIfAborted(signal);
  yield { type: "log", level: "info", message: `Starting ${request.strategy.name} on ${request.symbols.join(", ")} (${request.resolution}, ${provider.source} data)` };
  const loading = loadRunData(request, provider, signal, options);
  let step = await loading.next();
  for (; !step.done; step = await loading.next()) {
    yield step.value.type === "progress" ? { ...step.value, progress: tracker.next(step.value.progress) } : step.value;
  }
  const output = yield* runSimulation(options, step.value, tracker);
  throwIfAborted(signal);
  yield { type: "progress", progress: tracker.next(SIMULATION_END), bars_processed: output.bars_processed, bars_total: output.bars_processed, message: "Building results" };
  // Building a large result takes longer than a host may block its event loop: it runs in steps.
  const steps = buildResultSteps({
    runId: options.runId, request, output, benchmark: step.value.benchmark, source: provider.source, createHasher: options.createHasher,
  });
  const result = await drainCooperatively(steps, options);
  throwIfAborted(signal);
  yield { type: "log", level: "info", message: `Completed: ${result.trades.length} trades, final value ${result.metrics_summary.final_value.toFixed(2)} ${request.currency}` };
  yield { type: "progress", progress: tracker.next(1), bars_processed: output.bars_processed, bars_total: output.bars_processed, message: "Completed" };
  return result;
}

async function* runSimulation(options: RunBacktestOptions, data: RunData, tracker: ProgressTracker): AsyncGenerator<BacktestRunEvent, SimulationOutput> {
  const run = simulate({
    request: options.request, series: data.symbols.map((l) => l.series), quality: data.symbols.map((l) => l.quality),
    signal: options.signal, now: options.now, yieldControl: options.yieldControl, sliceMs: options.sliceMs,
  });
  let step = await run.next();
  for (; !step.done; step = await run.next()) {
    throwIfAborted(options.signal);
    const e = step.value;
    if (e.type === "progress") {
      yield { type: "progress", progress: tracker.next(simulationProgress(e.bars_processed, e.bars_total)), bars_processed: e.bars_processed, bars_total: e.bars_total };
    } else {
      yield { type: "metric", timestamp: toIso(e.sample.timestamp), equity: e.sample.value, drawdown_pct: e.drawdown_pct };
    }
  }
  return step.value;
}

/** Runs a backtest to completion, passing each event to `onEvent`; resolves with the result. */
export async function runBacktest(options: RunBacktestOptions & { onEvent?: (e: BacktestRunEvent) => void }): Promise<BacktestResult> {
  const stream = streamBacktest(options);
  let step = await stream.next();
  for (; !step.done; step = await stream.next()) options.onEvent?.(step.value);
  return step.value;
}
