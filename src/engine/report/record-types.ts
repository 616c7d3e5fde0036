/**
 * Row types of the API result (engine spec §5). Timestamps are ISO-8601 UTC strings with `Z`;
 * money is in the request's currency; every number is finite or `null`.
 */

/** One point of the portfolio's equity curve. Invariant: `value = cash + positions`. */
export interface EquityPoint {
  timestamp: string;
  /** Total equity, account currency. */
  value: number;
  /** Cash, account currency. */
  cash: number;
  /** Signed market value of all positions, account currency. */
  positions: number;
  /** `value − initial_capital`, account currency. */
  total_pnl: number;
  /** Cumulative % change of `value` vs `initial_capital`. */
  returns: number;
  /** % change vs the previous point; `null` on the first point (and after a zero value). */
  period_return: number | null;
  /** Positive % below the running peak (the peak starts at `initial_capital`). */
  drawdown: number;
}

/** One point of the benchmark's buy-and-hold curve, on the equity curve's timestamps. */
export interface BenchmarkPoint {
  timestamp: string;
  /** Value of the full initial capital invested in the benchmark at its first price. */
  value: number;
  /** Cumulative % change vs `initial_capital`. */
  returns: number;
}

/** One fill. */
export interface TradeRecord {
  timestamp: string;
  symbol: string;
  action: "BUY" | "SELL";
  /** Positive filled quantity. */
  shares: number;
  /** Fill price after slippage. */
  price: number;
  /** Commission, account currency. */
  commission: number;
  /** |fill price − bar open| × shares, account currency. */
  slippage_cost: number;
  /** Realised P&L net of commission on fills that reduce a position; else `null`. */
  realized_pnl: number | null;
  strategy_id: string;
  order_id: number;
}

/** Gross/net exposure at one timestamp. */
export interface ExposureRecord {
  timestamp: string;
  /** Market value of long positions, account currency. */
  long_value: number;
  /** Market value of short positions (negative or zero), account currency. */
  short_value: number;
  /** (long + |short|) / equity, %. */
  gross_exposure_pct: number;
  /** (long + short) / equity, %. */
  net_exposure_pct: number;
}

/** One order lifecycle event. */
export interface OrderEventRecord {
  timestamp: string;
  order_id: number;
  symbol: string;
  event: "submitted" | "filled" | "partially_filled" | "cancelled" | "rejected";
  /** Signed requested quantity (positive buy, negative sell). */
  requested_shares: number;
  /** Filled quantity, positive; 0 unless (partially) filled. */
  filled_shares: number;
  reason: string | null;
}

/** Option greeks per share (theta per calendar day, vega/rho per 1 percentage point). */
export interface OptionGreeksRecord {
  delta: number;
  gamma: number;
  theta: number;
  vega: number;
  rho: number;
}

/** One covered-call option transaction. */
export interface OptionTradeRecord {
  timestamp: string;
  symbol: string;
  contract: string;
  action: "SELL_TO_OPEN" | "BUY_TO_CLOSE" | "ASSIGNED" | "EXPIRED";
  contracts: number;
  strike: number;
  expiry: string;
  /** Option price per share. */
  premium: number;
  /** Cash effect, account currency (positive = received). */
  cash_flow: number;
  underlying_price: number;
  /** Annualised implied volatility as a fraction. */
  implied_volatility: number;
  greeks: OptionGreeksRecord;
}

/** One covered-call lifecycle event. */
export interface OptionEventRecord {
  timestamp: string;
  symbol: string;
  event: "written" | "assigned" | "expired";
  contract: string;
  strike: number;
  expiry: string;
  message: string;
}

/** One target-weights step. Weights are fractions of equity. */
export interface PortfolioDiagnosticsRecord {
  timestamp: string;
  rebalanced: boolean;
  reason: string;
  target_weights: Record<string, number>;
  realized_weights: Record<string, number>;
  /** Max absolute drift from target, percentage points. */
  drift_pct: number;
  /** Traded notional / equity of this step, %. */
  turnover_pct: number;
}

/** A portfolio-construction constraint that changed what was traded. */
export interface ConstraintHitRecord {
  timestamp: string;
  constraint: "max_weight" | "max_turnover" | "cash_floor" | "max_drawdown";
  symbol: string | null;
  detail: string;
}

/** An engine log line. */
export interface LogRecord {
  timestamp: string;
  level: "debug" | "info" | "warn" | "error";
  message: string;
}

/** A position held at the end of the run. */
export interface FinalPositionRecord {
  shares: number;
  average_cost: number;
  market_price: number;
  /** Signed, account currency. */
  market_value: number;
  /** Account currency. */
  unrealized_pnl: number;
}
