/**
 * The `POST /v1/backtests` body. The zod schema checks the JSON shape and documents every field
 * (units, ranges, defaults); the engine's `normalizeBacktestRequest` applies the deep rules and
 * defaults so that one place owns them and every problem is reported at once. Objects are
 * `loose` at the zod level on purpose: unknown keys reach the engine, which rejects them
 * (`extra_forbidden`) together with every other issue.
 */
import { z } from "@hono/zod-openapi";
import { normalizeBacktestRequest } from "../../engine/index.ts";
import type { RequestContext } from "../../engine/index.ts";
import { EngineValidationError } from "../../engine/types.ts";
import type { BacktestRequest } from "../../engine/types.ts";

const SYMBOL = { pattern: "^[A-Za-z0-9._/-]{1,32}$", minLength: 1, maxLength: 32 };

const executionFields = {
  slippage_bps: z.number().optional().openapi({ description: "Slippage in basis points of the fill bar's open (buys pay more, sells get less). 0 ≤ x < 10000 (10000 bps would sell at a price of 0).", minimum: 0, exclusiveMaximum: 10_000, default: 5 }),
  commission_bps: z.number().optional().openapi({ description: "Commission in basis points of the fill's notional. ≥ 0. Setting only this makes the fee a pure percentage (per-share and minimum become 0).", minimum: 0, default: 5 }),
  commission_per_share: z.number().optional().openapi({ description: "Commission per share, account currency. ≥ 0.", minimum: 0, default: 0.001 }),
  minimum_commission: z.number().optional().openapi({ description: "Minimum commission per fill, account currency. ≥ 0.", minimum: 0, default: 1 }),
  latency_ms: z.number().optional().openapi({ description: "Order latency in milliseconds; fills happen ceil(latency / bar length) bars later when that exceeds one bar. ≥ 0.", minimum: 0, default: 0 }),
  max_volume_participation: z.number().optional().openapi({ description: "Largest fraction of the fill bar's volume one order may take, in (0, 1]; the rest is cancelled.", exclusiveMinimum: 0, maximum: 1, default: 0.25 }),
};

/** Execution costs and fill settings (engine spec §4); all optional, defaults shown. */
export const ExecutionInputSchema = z.object(executionFields).loose().openapi("ExecutionInput");

const portfolioFields = {
  method: z.literal("target_weights").openapi({ description: "Construction method; only `target_weights`." }),
  target_weights: z.record(z.string(), z.number()).openapi({ description: "Weight per symbol (keys must be request symbols, weights > 0); normalised to sum to 1.", example: { SPY: 0.6, TLT: 0.4 } }),
  rebalance_frequency: z.enum(["daily", "weekly", "monthly"]).optional().openapi({ description: "Calendar rebalance boundary in the request's time zone.", default: "weekly" }),
  drift_threshold_pct: z.number().optional().openapi({ description: "Also rebalance when any weight drifts more than this many percentage points from target. 0..100.", minimum: 0, maximum: 100 }),
  max_weight_pct: z.number().optional().openapi({ description: "Cap on any symbol's weight, %; the excess stays in cash. 0..100.", minimum: 0, maximum: 100 }),
  max_turnover_pct: z.number().optional().openapi({ description: "Cap on one rebalance's traded notional as % of equity; trades are scaled down. 0..100.", minimum: 0, maximum: 100 }),
  cash_floor_pct: z.number().optional().openapi({ description: "Share of equity always kept in cash, %. 0..100.", minimum: 0, maximum: 100, default: 0 }),
  max_drawdown_pct: z.number().optional().openapi({ description: "Go to cash when the drawdown reaches this %. 0..100.", minimum: 0, maximum: 100 }),
};

/** Target-weights portfolio construction (engine spec §3.7), as sent. */
export const PortfolioConstructionInputSchema = z.object(portfolioFields).loose().openapi("PortfolioConstructionInput");

/** Effective portfolio construction (weight keys upper-cased, defaults filled in). */
export const PortfolioConstructionSchema = z.object(portfolioFields).strict().openapi("PortfolioConstruction");

const StrategySchema = z.object({
  name: z.string().openapi({ description: "Registered strategy: buy_and_hold, ma_crossover, momentum, mean_reversion, rsi, covered_call, target_weights.", pattern: "^[a-z0-9_]{1,128}$", example: "ma_crossover" }),
  params: z.record(z.string(), z.unknown()).optional().openapi({ description: "Strategy parameters; unknown keys are rejected, omitted ones take the strategy's defaults.", example: { short_period: 10, long_period: 30 } }),
}).loose().openapi({ description: "Strategy and its parameters.", default: { name: "buy_and_hold" } });

/** Shape of the request body, with every field documented. Deep rules: {@link createBacktestRequestSchema}. */
export const BacktestRequestSchema = z.object({
  symbols: z.array(z.string().openapi(SYMBOL)).openapi({ description: "1..100 tickers of [A-Za-z0-9._/-], 1..32 chars each; upper-cased and de-duplicated.", minItems: 1, maxItems: 100, example: ["AAPL", "MSFT"] }),
  start_date: z.string().openapi({ description: "ISO-8601 date or date-time; offsets are converted to UTC, a date alone means 00:00 UTC. Inclusive.", example: "2023-01-01" }),
  end_date: z.string().openapi({ description: "ISO-8601 date or date-time, after start_date. Exclusive.", example: "2024-01-01" }),
  resolution: z.string().optional().openapi({ description: "Bar resolution: minute, hour or day (tick and second are not supported). At most 5,000,000 bars per symbol.", enum: ["minute", "hour", "day"], default: "day" }),
  strategy: StrategySchema.optional(),
  execution: ExecutionInputSchema.optional(),
  initial_capital: z.number().optional().openapi({ description: "Starting cash, account currency; 0 < x ≤ 1e12.", exclusiveMinimum: 0, maximum: 1e12, default: 1_000_000 }),
  currency: z.string().optional().openapi({ description: "Account currency code, echoed in results.", pattern: "^[A-Z]{3,5}$", default: "USD" }),
  timezone: z.string().optional().openapi({ description: "IANA time zone for calendar grouping (rebalance weeks/months, monthly returns).", default: "UTC", example: "America/New_York" }),
  benchmark_symbol: z.string().nullable().optional().openapi({ ...SYMBOL, description: "Benchmark ticker, loaded from the same data source; enables beta, alpha, tracking error, information ratio, excess return, correlation.", example: "SPY" }),
  portfolio_construction: PortfolioConstructionInputSchema.nullable().optional().openapi({ description: "Required by, and only allowed with, strategy target_weights." }),
  risk_free_rate: z.number().optional().openapi({ description: "Annual risk-free rate as a fraction, in [-1, 1]; used by Sharpe, Sortino and alpha.", minimum: -1, maximum: 1, default: 0.02 }),
  data_source: z.string().optional().openapi({ description: "Where bars come from: sample (synthetic), csv (local hosting only), dataset (uploaded) or default (the dataset store).", enum: ["sample", "csv", "dataset", "default"], default: "default" }),
  csv_data_path: z.string().nullable().optional().openapi({ description: "Directory under the data directory holding <SYMBOL>_<1d|1h|1m>.csv; required for and only allowed with data_source csv." }),
  data_quality_mode: z.string().optional().openapi({ description: "warn: report data issues and continue; fail: reject the run on critical issues.", enum: ["warn", "fail"], default: "warn" }),
  seed: z.number().optional().openapi({ description: "Integer seed for anything random (0 ≤ seed ≤ 2147483647).", minimum: 0, maximum: 2_147_483_647, default: 0 }),
}).loose().openapi("BacktestRequest", {
  example: { symbols: ["AAPL", "MSFT"], start_date: "2023-01-01", end_date: "2024-01-01", resolution: "day", strategy: { name: "ma_crossover", params: { short_period: 10, long_period: 30 } }, data_source: "sample", benchmark_symbol: "SPY" },
});

/**
 * The request schema the route validates with: the raw JSON goes to `normalizeBacktestRequest`,
 * which checks every rule and applies every default, so one 422 lists every broken rule (a zod
 * shape check first would stop at a mistyped field). {@link BacktestRequestSchema} documents the
 * same fields; `schema-drift.test.ts` keeps the two together. Engine issues become zod `custom`
 * issues at the same path, with the engine's issue type in `params.type`.
 */
export function createBacktestRequestSchema(ctx: RequestContext) {
  return z.unknown().transform((body, zctx): BacktestRequest => {
    try {
      return normalizeBacktestRequest(body, ctx);
    } catch (error) {
      if (!(error instanceof EngineValidationError)) throw error;
      for (const issue of error.issues) zctx.addIssue({ code: "custom", path: issue.loc, message: issue.msg, params: { type: issue.type } });
      return z.NEVER;
    }
  });
}

/** The effective request (every default applied), as stored in `manifest.replay_request`. */
export const EffectiveBacktestRequestSchema = z.object({
  symbols: z.array(z.string()).openapi({ description: "Upper-cased, de-duplicated tickers." }),
  start_date: z.string().openapi({ description: "ISO-8601 UTC, `YYYY-MM-DDTHH:MM:SS.sssZ`." }),
  end_date: z.string().openapi({ description: "ISO-8601 UTC, `YYYY-MM-DDTHH:MM:SS.sssZ`." }),
  resolution: z.enum(["minute", "hour", "day"]),
  strategy: z.object({ name: z.string(), params: z.record(z.string(), z.unknown()).openapi({ description: "Effective parameters, defaults filled in." }) }).strict(),
  execution: z.object(executionFields).strict().openapi({ description: "Effective execution settings (every key present)." }),
  initial_capital: z.number(),
  currency: z.string(),
  timezone: z.string(),
  benchmark_symbol: z.string().nullable(),
  portfolio_construction: PortfolioConstructionSchema.nullable(),
  risk_free_rate: z.number(),
  data_source: z.enum(["sample", "csv", "dataset", "default"]),
  csv_data_path: z.string().nullable(),
  data_quality_mode: z.enum(["warn", "fail"]),
  seed: z.number().int(),
}).strict().openapi("EffectiveBacktestRequest", { description: "A valid request body with every default applied; replaying it reproduces the run." });
