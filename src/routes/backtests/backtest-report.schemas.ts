/** Schemas of `metrics_summary`, `tearsheet` and `manifest` (engine spec §5). */
import { z } from "@hono/zod-openapi";
import { EffectiveBacktestRequestSchema } from "./backtest-request.schemas.ts";

const n = (description: string) => z.number().openapi({ description });
const nn = (description: string) => z.number().nullable().openapi({ description });

/** `metrics_summary`: every key with its unit; `null` means undefined for this run, never a sentinel. */
export const MetricsSummarySchema = z.object({
  initial_capital: n("Starting cash, account currency."),
  final_value: n("Last equity value, account currency."),
  total_return: nn("(final_value / initial_capital − 1) × 100, percent; null for an empty curve."),
  annualized_return: nn("CAGR over elapsed time (365.25-day years), percent; null with < 2 points or zero elapsed time."),
  volatility: nn("Sample std of period returns × √periods_per_year × 100, percent; null with < 2 returns."),
  sharpe_ratio: nn("Annualised Sharpe ratio (sample std, per-period risk-free rate); null with < 2 returns or zero std."),
  sortino_ratio: nn("Annualised Sortino ratio; null with < 2 returns or no return below the risk-free rate."),
  calmar_ratio: nn("annualized_return / max_drawdown; null when either is null or max_drawdown is 0."),
  max_drawdown: n("Deepest fall below the running peak (peak starts at initial_capital), positive percent."),
  max_drawdown_duration_days: n("Longest peak-to-recovery span, calendar days."),
  var_95: nn("Historical 95% value-at-risk per period, positive loss fraction; null with no returns."),
  cvar_95: nn("Historical 95% expected shortfall per period, fraction; null with no returns."),
  skewness: nn("Sample skewness of period returns; null with < 3 returns or zero variance."),
  kurtosis: nn("Sample excess kurtosis of period returns; null with < 4 returns or zero variance."),
  total_trades: n("Number of fills."),
  round_trips: n("Completed round trips: fills after which the symbol's position is 0 or has changed sign (a flip ends one trip and opens the next). Partial trims are not counted; a position still open at the end is not counted."),
  win_rate: nn("% of closing fills (fills that reduce a position, partial trims included) with realized_pnl > 0; null without closing fills."),
  profit_factor: nn("Σ positive realized_pnl / |Σ negative realized_pnl|; null without a losing closing fill."),
  average_win: nn("Mean positive realized_pnl, account currency; null without a win."),
  average_loss: nn("Mean negative realized_pnl, account currency (negative); null without a loss."),
  largest_win: nn("Largest realized_pnl, account currency; null without a win."),
  largest_loss: nn("Most negative realized_pnl, account currency; null without a loss."),
  total_commissions: n("Σ commissions, account currency."),
  total_slippage_cost: n("Σ slippage costs, account currency."),
  exposure_time_pct: n("% of samples with any position held."),
  turnover: nn("Σ |traded notional| / mean equity (a multiple); null for an empty curve."),
  periods_per_year: nn("(points − 1) / elapsed years; null with < 2 points."),
  beta: nn("Sample cov(rs, rb) / var(rb), where rs, rb are the strategy's and the benchmark's returns between consecutive timestamps both series share (equity points where the benchmark has a bar; the strategy's return compounds over points in between). Null without benchmark, with < 3 shared points, or var(rb) = 0."),
  alpha: nn("Jensen's alpha on the shared timestamps, annualised (× shared periods per year), percent; null when beta is null."),
  tracking_error: nn("Sample std of rs − rb on the shared timestamps × √(shared periods per year) × 100, percent; null without benchmark or with < 3 shared points."),
  information_ratio: nn("Annualised mean / std of rs − rb on the shared timestamps; null without benchmark, with < 3 shared points, or zero std."),
  excess_return: nn("Strategy CAGR − benchmark CAGR, both from the first to the last shared timestamp, percentage points; null without benchmark or with < 2 shared points."),
  correlation: nn("Pearson correlation of rs and rb on the shared timestamps, −1..1; null without benchmark, with < 3 shared points, or a zero variance."),
  rebalance_count: nn("Rebalances executed; null without portfolio construction."),
  average_turnover_pct: nn("Mean turnover per rebalance, percent; null without portfolio construction or rebalances."),
  constraint_hit_count: nn("Constraint hits; null without portfolio construction."),
  data_quality_issues: n("Number of data-quality issues over all loaded series."),
  duplicate_timestamps: n("Duplicate timestamps over all loaded series."),
  missing_intervals: n("Missing intervals over all loaded series."),
  inconsistent_ohlc: n("Rows with inconsistent OHLC over all loaded series."),
  negative_prices: n("Rows with negative prices over all loaded series."),
  negative_volume: n("Rows with negative volume over all loaded series."),
  sample_data: z.boolean().openapi({ description: "True when any series came from the synthetic sample generator." }),
}).strict().openapi("MetricsSummary");

const ContributionSchema = z.object({
  symbol: z.string(),
  realized_pnl: n("Σ realised P&L of its fills plus option cash flows, account currency."),
  unrealized_pnl: n("Unrealised P&L of the final position, account currency."),
  total_pnl: n("realized + unrealized, account currency."),
}).strict().openapi("SymbolContribution");

/** Human-oriented summary. */
export const TearsheetSchema = z.object({
  overview: z.object({
    strategy: z.string(), symbols: z.array(z.string()), start: z.string(), end: z.string(), resolution: z.string(),
    currency: z.string(), initial_capital: n("Account currency."), final_value: n("Account currency."),
    total_return: nn("Percent."), annualized_return: nn("Percent."), sharpe_ratio: nn("Annualised."),
    max_drawdown: n("Percent."), total_trades: n("Fills."),
  }).strict(),
  benchmark: z.object({
    symbol: z.string(), total_return: nn("Benchmark buy-and-hold return, percent."), excess_return: nn("Percentage points."),
    beta: nn("Beta."), alpha: nn("Annualised percent."), correlation: nn("−1..1."),
  }).strict().nullable(),
  portfolio: z.object({
    final_cash: n("Account currency."), final_positions_value: n("Signed, account currency."),
    open_positions: n("Positions with non-zero shares."), exposure_time_pct: n("Percent."),
    average_gross_exposure_pct: nn("Mean gross exposure, percent; null without samples."),
  }).strict(),
  costs: z.object({
    total_commissions: n("Account currency."), total_slippage_cost: n("Account currency."),
    cost_pct_of_initial_capital: n("(commissions + slippage) / initial capital, percent."),
  }).strict(),
  monthly_returns: z.array(z.object({
    month: z.string().openapi({ description: "YYYY-MM in the request's time zone." }),
    return_pct: nn("Percent vs the previous month's last value (initial capital first); null when that base ≤ 0."),
  }).strict()),
  top_contributors: z.array(ContributionSchema).openapi({ description: "Up to 5 symbols with positive P&L, best first." }),
  top_detractors: z.array(ContributionSchema).openapi({ description: "Up to 5 symbols with negative P&L, worst first." }),
}).strict().openapi("Tearsheet");

const DataQualitySchema = z.object({
  symbol: z.string(), rows_seen: z.number(), bars: z.number(), duplicate_timestamps: z.number(),
  missing_intervals: z.number(), inconsistent_ohlc: z.number(), negative_prices: z.number(),
  negative_volume: z.number(), sample_data: z.boolean(), issues: z.array(z.string()), has_critical_issues: z.boolean(),
}).strict().openapi("DataQualitySummary");

/** Everything needed to identify and replay a run. */
export const ManifestSchema = z.object({
  manifest_version: z.literal("1.0"),
  engine: z.object({ name: z.literal("glowback-engine"), version: z.string() }).strict(),
  strategy: z.object({ id: z.string(), name: z.string(), parameters: z.record(z.string(), z.unknown()) }).strict(),
  dataset: z.object({
    source: z.string(), resolution: z.string(), start: z.string(), end: z.string(), symbols: z.array(z.string()),
    bar_counts: z.record(z.string(), z.number()).openapi({ description: "Bars loaded per symbol (benchmark included)." }),
    fingerprint: z.string().openapi({ description: "SHA-256 hex over every loaded series' bars." }),
    validation: z.array(DataQualitySchema),
  }).strict(),
  execution: z.object({
    slippage_bps: n("Basis points."), commission_bps: n("Basis points."), commission_per_share: n("Account currency."),
    minimum_commission: n("Account currency."), latency_ms: n("Milliseconds."), max_volume_participation: n("Fraction (0, 1]."),
  }).strict(),
  replay_request: EffectiveBacktestRequestSchema,
  metric_snapshot: MetricsSummarySchema,
}).strict().openapi("Manifest");
