/**
 * Shared contracts of the backtest engine. Everything under `src/engine/` is a pure library:
 * it imports nothing outside `src/engine/` and uses no host globals (no `Date.now`,
 * `Math.random`, `process`, `Deno`, `crypto`, `setTimeout`); callers inject clock and yielding.
 */

/** Bar resolution of a backtest. */
export type Resolution = "minute" | "hour" | "day";

/** Every resolution the engine supports, in ascending bar length. */
export const RESOLUTIONS: readonly Resolution[] = ["minute", "hour", "day"];

/** Bar length in milliseconds per resolution. */
export const RESOLUTION_MS: Readonly<Record<Resolution, number>> = {
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
};

/**
 * A symbol's bars, stored columnar so the hot loop never allocates per bar.
 * Invariant: `timestamps` strictly increasing (UTC epoch ms); all arrays have equal length.
 */
export interface BarSeries {
  readonly symbol: string;
  readonly resolution: Resolution;
  readonly timestamps: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
}

/** Per-symbol data-quality summary (engine spec §2.5), reported in the manifest. */
export interface DataQualitySummary {
  symbol: string;
  rows_seen: number;
  bars: number;
  duplicate_timestamps: number;
  missing_intervals: number;
  inconsistent_ohlc: number;
  negative_prices: number;
  negative_volume: number;
  sample_data: boolean;
  /** Human-readable descriptions of every issue found (empty when clean). */
  issues: string[];
  /** True when duplicates, inconsistent OHLC or negative values were found. */
  has_critical_issues: boolean;
}

/** A loaded series plus the quality summary of the rows it came from. */
export interface LoadedSeries {
  series: BarSeries;
  quality: DataQualitySummary;
}

/** Where bars come from; each source is an implementation (sample, CSV, dataset store). */
export interface MarketDataProvider {
  /** Stable name of the source, reported in the manifest (`sample`, `csv`, `dataset`). */
  readonly source: string;
  /** Bars of `symbol` with `startMs <= timestamp < endMs` (UTC epoch ms). */
  load(symbol: string, resolution: Resolution, startMs: number, endMs: number): Promise<LoadedSeries>;
}

/** Data source named by a request. */
export type DataSourceName = "sample" | "csv" | "dataset" | "default";

/** Execution cost and fill settings as the caller sent them (all optional). */
export interface ExecutionInput {
  slippage_bps?: number;
  commission_bps?: number;
  commission_per_share?: number;
  minimum_commission?: number;
  latency_ms?: number;
  max_volume_participation?: number;
}

/** Effective execution settings, every default applied (engine spec §4). */
export interface ExecutionSettings {
  slippage_bps: number;
  commission_bps: number;
  commission_per_share: number;
  minimum_commission: number;
  latency_ms: number;
  max_volume_participation: number;
}

/** Target-weights portfolio construction (engine spec §3.7). */
export interface PortfolioConstructionSpec {
  method: "target_weights";
  target_weights: Record<string, number>;
  rebalance_frequency?: "daily" | "weekly" | "monthly";
  drift_threshold_pct?: number;
  max_weight_pct?: number;
  max_turnover_pct?: number;
  cash_floor_pct?: number;
  max_drawdown_pct?: number;
}

/**
 * A backtest request with every default applied (the `POST /v1/backtests` body after
 * validation). Field names mirror the API so a manifest's `replay_request` is this object.
 */
export interface BacktestRequest {
  /** Upper-cased, de-duplicated, 1..100. */
  symbols: string[];
  /** ISO-8601 UTC with `Z` (offsets converted; date-only means 00:00 UTC). */
  start_date: string;
  end_date: string;
  resolution: Resolution;
  strategy: { name: string; params: Record<string, unknown> };
  execution: ExecutionInput;
  initial_capital: number;
  currency: string;
  timezone: string;
  benchmark_symbol: string | null;
  portfolio_construction: PortfolioConstructionSpec | null;
  risk_free_rate: number;
  data_source: DataSourceName;
  csv_data_path: string | null;
  data_quality_mode: "warn" | "fail";
  seed: number;
}

/** One validation problem, shaped like an API 422 entry (`loc` is relative to the body). */
export interface EngineIssue {
  loc: (string | number)[];
  msg: string;
  type: string;
}

/** Thrown by the engine for any problem in a request or its data that a caller can fix. */
export class EngineValidationError extends Error {
  readonly issues: EngineIssue[];
  constructor(issues: EngineIssue[]) {
    super(issues.map((i) => `${i.loc.join(".")}: ${i.msg}`).join("; "));
    this.name = "EngineValidationError";
    this.issues = issues;
  }
}
