/**
 * The API result of one backtest (engine spec §5, `GET /v1/backtests/{run_id}/results`).
 * Timestamps are ISO-8601 UTC strings with `Z`; money is in the request's currency; every
 * number is finite or `null` (never `NaN`/`Infinity`).
 */
import type { MetricsSummary } from "../metrics/summary-types.ts";
import type { BacktestRequest, DataQualitySummary, ExecutionSettings, PortfolioConstructionSpec } from "../types.ts";
import type {
  BenchmarkPoint, ConstraintHitRecord, EquityPoint, ExposureRecord, FinalPositionRecord, LogRecord,
  OptionEventRecord, OptionTradeRecord, OrderEventRecord, PortfolioDiagnosticsRecord, TradeRecord,
} from "./record-types.ts";

export type * from "./record-types.ts";

/**
 * `metrics_summary`: performance metrics (computed by `computeMetrics`) plus data-quality counts
 * and portfolio-construction metrics. `null` means "undefined for this run" (zero denominator,
 * too few points, no benchmark, no portfolio construction), never a sentinel.
 */
export interface BacktestMetrics extends MetricsSummary {
  /** Rebalances executed; null without portfolio construction. */
  rebalance_count: number | null;
  /** Mean turnover per rebalance, %; null without portfolio construction or rebalances. */
  average_turnover_pct: number | null;
  /** Constraint hits; null without portfolio construction. */
  constraint_hit_count: number | null;
  /** Issues found over all symbols' validation summaries (benchmark included). */
  data_quality_issues: number;
  duplicate_timestamps: number;
  missing_intervals: number;
  inconsistent_ohlc: number;
  negative_prices: number;
  negative_volume: number;
  /** True when any series came from the synthetic sample generator. */
  sample_data: boolean;
}

/** Monthly return in the request's timezone. */
export interface MonthlyReturnRecord {
  /** `YYYY-MM`. */
  month: string;
  /** % vs the previous month's last value (initial capital for the first); null when that base is not positive. */
  return_pct: number | null;
}

/** P&L attributed to one symbol (realised + unrealised, account currency). */
export interface SymbolContribution {
  symbol: string;
  realized_pnl: number;
  unrealized_pnl: number;
  total_pnl: number;
}

/** Human-oriented summary of the run. */
export interface Tearsheet {
  overview: {
    strategy: string;
    symbols: string[];
    start: string;
    end: string;
    resolution: string;
    currency: string;
    initial_capital: number;
    final_value: number;
    /** %. */
    total_return: number | null;
    /** %. */
    annualized_return: number | null;
    sharpe_ratio: number | null;
    /** %. */
    max_drawdown: number;
    total_trades: number;
  };
  /** Null without a benchmark. */
  benchmark: {
    symbol: string;
    /** %. */
    total_return: number | null;
    /** %. */
    excess_return: number | null;
    beta: number | null;
    /** %. */
    alpha: number | null;
    correlation: number | null;
  } | null;
  portfolio: {
    final_cash: number;
    /** Signed market value of final positions. */
    final_positions_value: number;
    open_positions: number;
    /** %. */
    exposure_time_pct: number;
    /** Mean gross exposure over the exposure samples, %; null without samples. */
    average_gross_exposure_pct: number | null;
  };
  costs: {
    total_commissions: number;
    total_slippage_cost: number;
    /** (commissions + slippage) / initial capital, %. */
    cost_pct_of_initial_capital: number;
  };
  monthly_returns: MonthlyReturnRecord[];
  /** Up to 5 symbols with the largest positive total P&L, best first. */
  top_contributors: SymbolContribution[];
  /** Up to 5 symbols with the most negative total P&L, worst first. */
  top_detractors: SymbolContribution[];
}

/** Everything needed to identify and replay a run. */
export interface BacktestManifest {
  manifest_version: "1.0";
  engine: { name: "glowback-engine"; version: string };
  strategy: { id: string; name: string; parameters: Record<string, unknown> };
  dataset: {
    source: string;
    resolution: string;
    /** ISO-8601 UTC. */
    start: string;
    end: string;
    symbols: string[];
    /** Bars loaded per symbol (benchmark included). */
    bar_counts: Record<string, number>;
    /** SHA-256 hex over the bars of every loaded series (`fingerprintSeries`). */
    fingerprint: string;
    validation: DataQualitySummary[];
  };
  execution: ExecutionSettings;
  /** A valid `POST /v1/backtests` body that reproduces this run. */
  replay_request: BacktestRequest;
  metric_snapshot: BacktestMetrics;
}

/** The full result. `content_hash` is SHA-256 hex of the canonical JSON of every other field except `run_id`. */
export interface BacktestResult {
  run_id: string;
  currency: string;
  metrics_summary: BacktestMetrics;
  equity_curve: EquityPoint[];
  benchmark_symbol: string | null;
  benchmark_curve: BenchmarkPoint[];
  trades: TradeRecord[];
  exposures: ExposureRecord[];
  order_events: OrderEventRecord[];
  option_trades: OptionTradeRecord[];
  option_events: OptionEventRecord[];
  portfolio_construction: PortfolioConstructionSpec | null;
  portfolio_diagnostics: PortfolioDiagnosticsRecord[];
  constraint_hits: ConstraintHitRecord[];
  tearsheet: Tearsheet;
  logs: LogRecord[];
  /** Account currency. */
  final_cash: number;
  final_positions: Record<string, FinalPositionRecord>;
  manifest: BacktestManifest;
  content_hash: string;
}
