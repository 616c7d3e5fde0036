/** Schemas of the backtests feature: request, status, result and run events. */
import { z } from "@hono/zod-openapi";
import {
  BenchmarkPointSchema, ConstraintHitSchema, EquityPointSchema, ExposureSchema, FinalPositionSchema, LogLineSchema,
  OptionEventSchema, OptionTradeSchema, OrderEventSchema, PortfolioDiagnosticsSchema, TradeSchema,
} from "./backtest-records.schemas.ts";
import { ManifestSchema, MetricsSummarySchema, TearsheetSchema } from "./backtest-report.schemas.ts";
import { PortfolioConstructionSchema } from "./backtest-request.schemas.ts";

export { BacktestRequestSchema, createBacktestRequestSchema, EffectiveBacktestRequestSchema } from "./backtest-request.schemas.ts";
export { ManifestSchema, MetricsSummarySchema, TearsheetSchema } from "./backtest-report.schemas.ts";

const isoTime = z.string().openapi({ description: "ISO-8601 UTC with Z.", example: "2026-01-02T03:04:05.678Z" });

/** States of a run. */
export const RunStateSchema = z.enum(["queued", "running", "completed", "failed", "cancelled"]).openapi("RunState");

/** `BacktestStatus` (API spec §1). */
export const BacktestStatusSchema = z.object({
  run_id: z.uuid().openapi({ description: "Run id (UUID)." }),
  state: RunStateSchema,
  progress: z.number().min(0).max(1).openapi({ description: "Fraction complete, 0..1; exactly 1 when completed." }),
  created_at: isoTime,
  started_at: isoTime.nullable().openapi({ description: "Null until running." }),
  finished_at: isoTime.nullable().openapi({ description: "Null until terminal." }),
  error: z.string().nullable().openapi({ description: "Null unless failed." }),
}).openapi("BacktestStatus");

/** The result of a completed run (engine spec §5). */
export const BacktestResultSchema = z.object({
  run_id: z.string().openapi({ description: "Run id; not part of content_hash." }),
  currency: z.string().openapi({ description: "Account currency of every money amount." }),
  metrics_summary: MetricsSummarySchema,
  equity_curve: z.array(EquityPointSchema),
  benchmark_symbol: z.string().nullable(),
  benchmark_curve: z.array(BenchmarkPointSchema).openapi({ description: "Benchmark buy-and-hold on the equity timestamps from its first bar on, valued at its last close at or before each (forward-filled where the benchmark has no bar, for display); the benchmark metrics use only the timestamps where it has a bar. Empty without a benchmark." }),
  trades: z.array(TradeSchema),
  exposures: z.array(ExposureSchema),
  order_events: z.array(OrderEventSchema),
  option_trades: z.array(OptionTradeSchema),
  option_events: z.array(OptionEventSchema),
  portfolio_construction: PortfolioConstructionSchema.nullable().openapi({ description: "Effective portfolio construction, or null." }),
  portfolio_diagnostics: z.array(PortfolioDiagnosticsSchema),
  constraint_hits: z.array(ConstraintHitSchema),
  tearsheet: TearsheetSchema,
  logs: z.array(LogLineSchema),
  final_cash: z.number().openapi({ description: "Account currency." }),
  final_positions: z.record(z.string(), FinalPositionSchema),
  manifest: ManifestSchema,
  content_hash: z.string().openapi({ description: "SHA-256 hex of the canonical JSON (sorted keys) of the result without run_id and content_hash; the ETag." }),
}).strict().openapi("BacktestResult");

const progressPayload = z.object({
  progress: z.number().min(0).max(1), bars_processed: z.number().int(), bars_total: z.number().int(), message: z.string().optional(),
}).openapi({ description: "Monotone progress, reaching exactly 1 before completed." });
const metricPayload = z.object({ timestamp: isoTime, equity: z.number().openapi({ description: "Account currency." }), drawdown_pct: z.number().openapi({ description: "Percent below the running peak." }) });
const logPayload = z.object({ level: z.enum(["info", "warn", "error"]), message: z.string() });
const statePayload = z.object({ state: RunStateSchema, error: z.string().nullable().optional() });

const envelope = <T extends string, P extends z.ZodTypeAny>(type: T, payload: P) =>
  z.object({
    event_id: z.number().int().min(1).openapi({ description: "1, 2, 3, … per run; no gaps, no reuse." }),
    run_id: z.string(),
    type: z.literal(type),
    timestamp: isoTime,
    payload,
  });

/** One event of a run's stream / event log (API spec §5). */
export const RunEventSchema = z.discriminatedUnion("type", [
  envelope("state", statePayload),
  envelope("progress", progressPayload),
  envelope("metric", metricPayload),
  envelope("log", logPayload),
]).openapi("RunEvent");
