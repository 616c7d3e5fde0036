/** Hand-built bar series and requests for simulation tests. */
import { simulate } from "../../../src/engine/simulation/simulate.ts";
import type { SimulationEvent, SimulationOptions } from "../../../src/engine/simulation/simulate.ts";
import type { SimulationOutput } from "../../../src/engine/simulation-types.ts";
import type { BacktestRequest, BarSeries, Resolution } from "../../../src/engine/types.ts";

/** 2024-01-01T00:00:00Z. */
export const T0 = Date.UTC(2024, 0, 1);
export const DAY = 86_400_000;

/** Options of `makeSeries`; arrays default from `closes`. */
export interface SeriesSpec {
  opens?: number[];
  volumes?: number[];
  /** Explicit timestamps; default one per day from `T0`. */
  timestamps?: number[];
  resolution?: Resolution;
}

/** A series whose opens equal the closes unless given; high/low envelope both; volume 1e9. */
export function makeSeries(symbol: string, closes: number[], spec: SeriesSpec = {}): BarSeries {
  const n = closes.length;
  const opens = spec.opens ?? closes;
  const ts = spec.timestamps ?? closes.map((_, i) => T0 + i * DAY);
  return {
    symbol,
    resolution: spec.resolution ?? "day",
    timestamps: Float64Array.from(ts),
    open: Float64Array.from(opens),
    high: Float64Array.from(closes.map((c, i) => Math.max(c, opens[i]))),
    low: Float64Array.from(closes.map((c, i) => Math.min(c, opens[i]))),
    close: Float64Array.from(closes),
    volume: Float64Array.from(spec.volumes ?? new Array<number>(n).fill(1e9)),
  };
}

/** A normalised request; execution defaults to zero costs unless overridden. */
export function makeRequest(over: Partial<BacktestRequest> & { symbols: string[] }): BacktestRequest {
  return {
    start_date: "2024-01-01T00:00:00Z",
    end_date: "2025-01-01T00:00:00Z",
    resolution: "day",
    strategy: { name: "buy_and_hold", params: {} },
    execution: { slippage_bps: 0, commission_bps: 0 },
    initial_capital: 100_000,
    currency: "USD",
    timezone: "UTC",
    benchmark_symbol: null,
    portfolio_construction: null,
    risk_free_rate: 0.02,
    data_source: "sample",
    csv_data_path: null,
    data_quality_mode: "warn",
    seed: 0,
    ...over,
  };
}

/** Drains `simulate`, returning its events and output. */
export async function runSim(
  options: Omit<SimulationOptions, "quality"> & Partial<Pick<SimulationOptions, "quality">>,
): Promise<{ events: SimulationEvent[]; output: SimulationOutput }> {
  const gen = simulate({ quality: [], ...options });
  const events: SimulationEvent[] = [];
  let step = await gen.next();
  for (; !step.done; step = await gen.next()) events.push(step.value);
  return { events, output: step.value };
}

/** Runs `strategy` with `params` on the given series (zero costs unless `execution` is given). */
export async function runStrategy(
  series: BarSeries[],
  name: string,
  params: Record<string, unknown> = {},
  over: Partial<BacktestRequest> = {},
): Promise<SimulationOutput> {
  const request = makeRequest({ symbols: series.map((s) => s.symbol), strategy: { name, params }, ...over });
  return (await runSim({ request, series })).output;
}
