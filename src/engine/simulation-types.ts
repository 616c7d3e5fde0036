/**
 * What the simulation loop produces, before reporting turns it into the API result.
 * Timestamps here are UTC epoch milliseconds; the report layer renders ISO-8601 strings.
 */
import type { BarSeries, DataQualitySummary, ExecutionSettings } from "./types.ts";

/** Portfolio value at one timestamp of the master timeline. `value = cash + positions`. */
export interface EquitySample {
  timestamp: number;
  /** Total equity in account currency. */
  value: number;
  /** Cash in account currency (never negative for long-only strategies). */
  cash: number;
  /** Signed market value of all positions (shorts and short options negative). */
  positions: number;
}

/** One fill (one row of `trades[]`). */
export interface Fill {
  timestamp: number;
  symbol: string;
  action: "BUY" | "SELL";
  /** Filled quantity, always positive (whole for equities, 1e-8 steps for crypto). */
  shares: number;
  /** Fill price after slippage. */
  price: number;
  /** Commission charged for this fill, account currency. */
  commission: number;
  /** |fill price − bar open| × shares, account currency. */
  slippage_cost: number;
  /** Realised P&L net of this fill's commission on fills that reduce a position; else null. */
  realized_pnl: number | null;
  /**
   * True when this fill ends a round trip: the position before it was not 0 and after it is 0
   * or of the other sign (a flip ends one trip and opens the next). A partial trim has a
   * `realized_pnl` but `closesPosition: false`. Counted by `round_trips`; not in `trades[]`.
   */
  closesPosition: boolean;
  strategy_id: string;
  order_id: number;
}

/** Lifecycle of an order (submitted at a decision bar, filled/cancelled later). */
export interface OrderEvent {
  timestamp: number;
  order_id: number;
  symbol: string;
  event: "submitted" | "filled" | "partially_filled" | "cancelled" | "rejected";
  /** Signed requested quantity (positive buy, negative sell). */
  requested_shares: number;
  /** Filled quantity, positive, 0 unless filled/partially filled. */
  filled_shares: number;
  reason: string | null;
}

/** Gross/net exposure at one timestamp, as % of equity. */
export interface ExposureSample {
  timestamp: number;
  long_value: number;
  short_value: number;
  gross_exposure_pct: number;
  net_exposure_pct: number;
}

/** Greeks of one option contract (per share; theta per calendar day, vega/rho per 1 point). */
export interface OptionGreeks {
  delta: number;
  gamma: number;
  theta: number;
  vega: number;
  rho: number;
}

/** A covered-call option transaction. */
export interface OptionTrade {
  timestamp: number;
  symbol: string;
  contract: string;
  action: "SELL_TO_OPEN" | "BUY_TO_CLOSE" | "ASSIGNED" | "EXPIRED";
  contracts: number;
  strike: number;
  expiry: number;
  /** Option price per share at this transaction. */
  premium: number;
  /** Cash effect of the transaction (positive = received), net of `commission`. */
  cash_flow: number;
  /** Commission charged on this transaction, account currency (0 for assignment/expiry). */
  commission: number;
  underlying_price: number;
  implied_volatility: number;
  greeks: OptionGreeks;
}

/** A covered-call lifecycle event (written, assigned, expired worthless). */
export interface OptionEvent {
  timestamp: number;
  symbol: string;
  event: "written" | "assigned" | "expired";
  contract: string;
  strike: number;
  expiry: number;
  message: string;
}

/** One diagnostics row per target-weights step. */
export interface PortfolioDiagnosticsRow {
  timestamp: number;
  rebalanced: boolean;
  reason: string;
  target_weights: Record<string, number>;
  realized_weights: Record<string, number>;
  /** Max absolute weight drift from target, percentage points. */
  drift_pct: number;
  /** Traded notional / equity of this step, %. */
  turnover_pct: number;
}

/** A portfolio-construction constraint that changed what was traded. */
export interface ConstraintHit {
  timestamp: number;
  constraint: "max_weight" | "max_turnover" | "cash_floor" | "max_drawdown";
  symbol: string | null;
  detail: string;
}

/** A log line emitted by the engine during a run. */
export interface EngineLogLine {
  timestamp: number;
  level: "debug" | "info" | "warn" | "error";
  message: string;
}

/** A held position at the end of a run. */
export interface FinalPosition {
  shares: number;
  average_cost: number;
  market_price: number;
  market_value: number;
  unrealized_pnl: number;
}

/** Everything the simulation loop produced for one run. */
export interface SimulationOutput {
  strategy_id: string;
  effective_params: Record<string, unknown>;
  execution: ExecutionSettings;
  equity: EquitySample[];
  fills: Fill[];
  order_events: OrderEvent[];
  exposures: ExposureSample[];
  option_trades: OptionTrade[];
  option_events: OptionEvent[];
  portfolio_diagnostics: PortfolioDiagnosticsRow[];
  constraint_hits: ConstraintHit[];
  logs: EngineLogLine[];
  final_cash: number;
  final_positions: Record<string, FinalPosition>;
  /** Number of bars (summed over symbols) that the loop processed. */
  bars_processed: number;
  series: BarSeries[];
  quality: DataQualitySummary[];
}
