/** Row schemas of `BacktestResult` (engine spec §5). Money is in the request's currency. */
import { z } from "@hono/zod-openapi";

const iso = (what: string) => z.string().openapi({ description: `${what}, ISO-8601 UTC with Z.`, example: "2024-01-02T00:00:00.000Z" });
const money = (what: string) => z.number().openapi({ description: `${what}, account currency.` });
const pct = (what: string) => z.number().openapi({ description: `${what}, percent.` });

/** One equity-curve point; `value = cash + positions`. */
export const EquityPointSchema = z.object({
  timestamp: iso("Point time"),
  value: money("Total equity"),
  cash: money("Cash"),
  positions: money("Signed market value of all positions"),
  total_pnl: money("value − initial_capital"),
  returns: pct("Cumulative change of value vs initial_capital"),
  period_return: z.number().nullable().openapi({ description: "Change vs the previous point, percent; null on the first point." }),
  drawdown: pct("Positive distance below the running peak (peak starts at initial_capital)"),
}).strict().openapi("EquityPoint");

/** One benchmark buy-and-hold point. */
export const BenchmarkPointSchema = z.object({
  timestamp: iso("Point time (an equity-curve timestamp)"),
  value: money("Value of initial_capital invested in the benchmark at its first price, forward-filled"),
  returns: pct("Cumulative change vs initial_capital"),
}).strict().openapi("BenchmarkPoint");

/** One fill. */
export const TradeSchema = z.object({
  timestamp: iso("Fill time (the fill bar's timestamp)"),
  symbol: z.string(),
  action: z.enum(["BUY", "SELL"]),
  shares: z.number().openapi({ description: "Filled quantity, positive (whole shares for equities, 1e-8 steps for crypto)." }),
  price: money("Fill price after slippage"),
  commission: money("Commission of this fill"),
  slippage_cost: money("|fill price − bar open| × shares"),
  realized_pnl: z.number().nullable().openapi({ description: "Realised P&L net of this fill's commission on fills that reduce a position, account currency; null otherwise." }),
  strategy_id: z.string(),
  order_id: z.number().int(),
}).strict().openapi("Trade");

/** Gross/net exposure sample. */
export const ExposureSchema = z.object({
  timestamp: iso("Sample time"),
  long_value: money("Market value of long positions"),
  short_value: money("Market value of short positions (≤ 0)"),
  gross_exposure_pct: pct("(long + |short|) / equity"),
  net_exposure_pct: pct("(long + short) / equity"),
}).strict().openapi("Exposure");

/** Order lifecycle event. */
export const OrderEventSchema = z.object({
  timestamp: iso("Event time"),
  order_id: z.number().int(),
  symbol: z.string(),
  event: z.enum(["submitted", "filled", "partially_filled", "cancelled", "rejected"]),
  requested_shares: z.number().openapi({ description: "Signed requested quantity (positive buy, negative sell)." }),
  filled_shares: z.number().openapi({ description: "Filled quantity, positive; 0 unless (partially) filled." }),
  reason: z.string().nullable(),
}).strict().openapi("OrderEvent");

const GreeksSchema = z.object({
  delta: z.number(), gamma: z.number(),
  theta: z.number().openapi({ description: "Per calendar day, per share." }),
  vega: z.number().openapi({ description: "Per 1 volatility point, per share." }),
  rho: z.number().openapi({ description: "Per 1 rate point, per share." }),
}).strict().openapi("OptionGreeks");

/** Covered-call option transaction. */
export const OptionTradeSchema = z.object({
  timestamp: iso("Transaction time"),
  symbol: z.string(),
  contract: z.string(),
  action: z.enum(["SELL_TO_OPEN", "BUY_TO_CLOSE", "ASSIGNED", "EXPIRED"]),
  contracts: z.number(),
  strike: money("Strike price"),
  expiry: iso("Expiry"),
  premium: money("Option price per share"),
  cash_flow: money("Cash effect (positive = received)"),
  commission: money("Commission of this option transaction"),
  underlying_price: money("Underlying price"),
  implied_volatility: z.number().openapi({ description: "Annualised volatility, fraction." }),
  greeks: GreeksSchema,
}).strict().openapi("OptionTrade");

/** Covered-call lifecycle event. */
export const OptionEventSchema = z.object({
  timestamp: iso("Event time"),
  symbol: z.string(),
  event: z.enum(["written", "assigned", "expired"]),
  contract: z.string(),
  strike: money("Strike price"),
  expiry: iso("Expiry"),
  message: z.string(),
}).strict().openapi("OptionEvent");

/** One target-weights step. */
export const PortfolioDiagnosticsSchema = z.object({
  timestamp: iso("Step time"),
  rebalanced: z.boolean(),
  reason: z.string(),
  target_weights: z.record(z.string(), z.number()).openapi({ description: "Target weight per symbol, fraction of equity." }),
  realized_weights: z.record(z.string(), z.number()).openapi({ description: "Weight per symbol after the step, fraction of equity." }),
  drift_pct: z.number().openapi({ description: "Largest absolute drift from target, percentage points." }),
  turnover_pct: pct("Traded notional / equity of this step"),
}).strict().openapi("PortfolioDiagnostics");

/** A constraint that changed what was traded. */
export const ConstraintHitSchema = z.object({
  timestamp: iso("Hit time"),
  constraint: z.enum(["max_weight", "max_turnover", "cash_floor", "max_drawdown"]),
  symbol: z.string().nullable(),
  detail: z.string(),
}).strict().openapi("ConstraintHit");

/** Engine log line. */
export const LogLineSchema = z.object({
  timestamp: iso("Time on the data's clock"),
  level: z.enum(["debug", "info", "warn", "error"]),
  message: z.string(),
}).strict().openapi("LogLine");

/** A position held at the end. */
export const FinalPositionSchema = z.object({
  shares: z.number().openapi({ description: "Signed quantity." }),
  average_cost: money("Average cost per share"),
  market_price: money("Last price"),
  market_value: money("Signed market value"),
  unrealized_pnl: money("Unrealised P&L"),
}).strict().openapi("FinalPosition");
