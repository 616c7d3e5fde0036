/** The bar loop as an async generator: progress and equity events, abort, cooperative yielding. */
import type { EquitySample, FinalPosition, SimulationOutput } from "../simulation-types.ts";
import type { TargetWeightsStrategy } from "../strategies/target-weights.ts";
import type { BacktestRequest, BarSeries, DataQualitySummary } from "../types.ts";
import { SimulationRunner } from "./runner.ts";

/** Inputs of one simulation. */
export interface SimulationOptions {
  /** Already normalised: defaults applied, symbols upper-cased. */
  request: BacktestRequest;
  /** Loaded series, one per request symbol, same order. */
  series: BarSeries[];
  quality: DataQualitySummary[];
  /** Stops the run promptly (checked at every master timestamp); throws an `AbortError`. */
  signal?: AbortSignal;
  /** Monotonic clock in ms, injected by the host. Default: constant 0 (never yields by time). */
  now?: () => number;
  /** Called after at least `sliceMs` of work (measured with `now`) to let the host breathe. */
  yieldControl?: () => Promise<void>;
  /** Time slice before yielding control, ms; default 50. */
  sliceMs?: number;
  /** Report progress at most every N bar-steps (default: ~1 % of the total). */
  progressEvery?: number;
}

/** What the loop reports while it runs. */
export type SimulationEvent =
  | { type: "progress"; bars_processed: number; bars_total: number }
  | { type: "equity"; sample: EquitySample; drawdown_pct: number };

/** Work between clock reads, in bar-steps. */
const CLOCK_EVERY = 256;
/** Default time slice before yielding control, ms. */
const SLICE_MS = 50;
/** Upper bound on equity events per run (the last point is always sent). */
const EQUITY_EVENTS = 200;

/**
 * Runs the backtest bar by bar. At each master timestamp, over the symbols with a bar there:
 * due sells fill at their opens (all symbols), then the other due orders (buys), then each
 * symbol's option write, close mark and option settlement; then equity (positions at each
 * symbol's last close, short calls as liabilities) is recorded; then the strategy decides.
 * Yields progress (monotone, the last has `bars_processed === bars_total`) and up to ~200
 * equity events (always including the last point); returns the full output.
 */
export async function* simulate(options: SimulationOptions): AsyncGenerator<SimulationEvent, SimulationOutput, void> {
  throwIfAborted(options.signal);
  const { request, series } = options;
  const runner = new SimulationRunner(request, series);
  const steps = runner.timeline.length;
  const total = runner.barsTotal;
  const progressEvery = Math.max(1, options.progressEvery ?? Math.ceil(total / 100));
  const equityEvery = Math.max(1, Math.ceil(steps / EQUITY_EVENTS));
  const now = options.now ?? (() => 0);
  const sliceMs = options.sliceMs ?? SLICE_MS;
  let sliceStart = now();
  let lastProgress = 0;
  let lastClock = 0;
  for (let k = 0; k < steps; k++) {
    throwIfAborted(options.signal);
    const sample = runner.step(k);
    const done = runner.barsProcessed;
    if (k % equityEvery === 0 || k === steps - 1) {
      const peak = runner.state.peak;
      yield { type: "equity", sample, drawdown_pct: peak > 0 ? Math.max(0, ((peak - sample.value) / peak) * 100) : 0 };
    }
    if (done - lastProgress >= progressEvery && done < total) {
      lastProgress = done;
      yield { type: "progress", bars_processed: done, bars_total: total };
    }
    if (options.yieldControl !== undefined && done - lastClock >= CLOCK_EVERY) {
      lastClock = done;
      if (now() - sliceStart >= sliceMs) {
        await options.yieldControl();
        throwIfAborted(options.signal);
        sliceStart = now();
      }
    }
  }
  runner.finish();
  yield { type: "progress", bars_processed: runner.barsProcessed, bars_total: total };
  return buildOutput(runner, options);
}

function buildOutput(runner: SimulationRunner, options: SimulationOptions): SimulationOutput {
  const { broker, desk } = runner;
  const tw = runner.strategy as Partial<TargetWeightsStrategy>;
  return {
    strategy_id: options.request.strategy.name,
    effective_params: runner.effectiveParams,
    execution: runner.settings,
    equity: runner.equity,
    fills: broker.fills,
    order_events: broker.orderEvents,
    exposures: runner.exposures,
    option_trades: desk.trades,
    option_events: desk.events,
    portfolio_diagnostics: tw.diagnostics ?? [],
    constraint_hits: tw.constraintHits ?? [],
    logs: broker.logs,
    final_cash: broker.ledger.cash,
    final_positions: finalPositions(runner, options.series),
    bars_processed: runner.barsProcessed,
    series: options.series,
    quality: options.quality,
  };
}

function finalPositions(runner: SimulationRunner, series: readonly BarSeries[]): Record<string, FinalPosition> {
  const { position, avgCost, lastClose } = runner.broker.ledger;
  const out: Record<string, FinalPosition> = {};
  for (let s = 0; s < series.length; s++) {
    const shares = position[s];
    if (shares === 0) continue;
    out[series[s].symbol] = {
      shares, average_cost: avgCost[s], market_price: lastClose[s], market_value: shares * lastClose[s],
      unrealized_pnl: shares * (lastClose[s] - avgCost[s]),
    };
  }
  return out;
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted !== true) return;
  const error = new Error("The simulation was aborted");
  error.name = "AbortError";
  throw error;
}
