/**
 * Row types of the API result (engine spec §5). Timestamps are ISO-8601 UTC strings with `Z`;
 * money is in the request's currency; every number is finite or `null`.
 */
import type {
  ConstraintHit, EngineLogLine, ExposureSample, Fill, FinalPosition, OptionEvent, OptionGreeks, OptionTrade,
  OrderEvent, PortfolioDiagnosticsRow,
} from "../simulation-types.ts";

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

/**
 * One point of the benchmark's buy-and-hold curve, on the equity curve's timestamps from the
 * benchmark's first bar on; where the benchmark has no bar it repeats its last close (display
 * only: the benchmark metrics use the timestamps where it has a bar).
 */
export interface BenchmarkPoint {
  timestamp: string;
  /** Value of the full initial capital invested in the benchmark at its first price. */
  value: number;
  /** Cumulative % change vs `initial_capital`. */
  returns: number;
}

/** `T` with its epoch-millisecond time fields (`timestamp`, `expiry`) as ISO-8601 strings. */
export type WithIsoTimes<T> = { [K in keyof T]: K extends "timestamp" | "expiry" ? string : T[K] };

/**
 * One fill (field meanings on `Fill`). `closesPosition` stays internal: it feeds `round_trips`
 * and is not part of the `trades[]` row (engine spec §5).
 */
export type TradeRecord = WithIsoTimes<Omit<Fill, "closesPosition">>;
/** Gross/net exposure at one timestamp (field meanings on `ExposureSample`). */
export type ExposureRecord = WithIsoTimes<ExposureSample>;
/** One order lifecycle event. */
export type OrderEventRecord = WithIsoTimes<OrderEvent>;
/** Option greeks per share (theta per calendar day, vega/rho per 1 percentage point). */
export type OptionGreeksRecord = OptionGreeks;
/** One covered-call option transaction. */
export type OptionTradeRecord = WithIsoTimes<OptionTrade>;
/** One covered-call lifecycle event. */
export type OptionEventRecord = WithIsoTimes<OptionEvent>;
/** One target-weights step. Weights are fractions of equity. */
export type PortfolioDiagnosticsRecord = WithIsoTimes<PortfolioDiagnosticsRow>;
/** A portfolio-construction constraint that changed what was traded. */
export type ConstraintHitRecord = WithIsoTimes<ConstraintHit>;
/** An engine log line. */
export type LogRecord = WithIsoTimes<EngineLogLine>;
/** A position held at the end of the run. */
export type FinalPositionRecord = FinalPosition;
