/** Converts the simulation's epoch-ms records into the API's ISO-timestamped rows. */
import type {
  ConstraintHit, EngineLogLine, ExposureSample, Fill, FinalPosition, OptionEvent, OptionTrade,
  OrderEvent, PortfolioDiagnosticsRow,
} from "../simulation-types.ts";
import { toIso as isoOf } from "../util/time.ts";
import type {
  ConstraintHitRecord, ExposureRecord, FinalPositionRecord, LogRecord, OptionEventRecord,
  OptionTradeRecord, OrderEventRecord, PortfolioDiagnosticsRecord, TradeRecord,
} from "./record-types.ts";

let lastMs = Number.NaN;
let lastIso = "";

/** `toIso` remembering its last answer: consecutive rows mostly share a bar's timestamp. */
function toIso(ms: number): string {
  if (ms !== lastMs) {
    lastIso = isoOf(ms);
    lastMs = ms;
  }
  return lastIso;
}

/** A fill as a `trades[]` row. */
export function tradeRecord(f: Fill): TradeRecord {
  return {
    timestamp: toIso(f.timestamp), symbol: f.symbol, action: f.action, shares: f.shares, price: f.price,
    commission: f.commission, slippage_cost: f.slippage_cost, realized_pnl: f.realized_pnl,
    strategy_id: f.strategy_id, order_id: f.order_id,
  };
}

/** An exposure sample as an `exposures[]` row. */
export function exposureRecord(e: ExposureSample): ExposureRecord {
  return {
    timestamp: toIso(e.timestamp), long_value: e.long_value, short_value: e.short_value,
    gross_exposure_pct: e.gross_exposure_pct, net_exposure_pct: e.net_exposure_pct,
  };
}

/** An order event as an `order_events[]` row. */
export function orderEventRecord(e: OrderEvent): OrderEventRecord {
  return {
    timestamp: toIso(e.timestamp), order_id: e.order_id, symbol: e.symbol, event: e.event,
    requested_shares: e.requested_shares, filled_shares: e.filled_shares, reason: e.reason,
  };
}

/** An option transaction as an `option_trades[]` row. */
export function optionTradeRecord(t: OptionTrade): OptionTradeRecord {
  const g = t.greeks;
  return {
    timestamp: toIso(t.timestamp), symbol: t.symbol, contract: t.contract, action: t.action,
    contracts: t.contracts, strike: t.strike, expiry: toIso(t.expiry), premium: t.premium,
    cash_flow: t.cash_flow, commission: t.commission, underlying_price: t.underlying_price, implied_volatility: t.implied_volatility,
    greeks: { delta: g.delta, gamma: g.gamma, theta: g.theta, vega: g.vega, rho: g.rho },
  };
}

/** An option lifecycle event as an `option_events[]` row. */
export function optionEventRecord(e: OptionEvent): OptionEventRecord {
  return {
    timestamp: toIso(e.timestamp), symbol: e.symbol, event: e.event, contract: e.contract,
    strike: e.strike, expiry: toIso(e.expiry), message: e.message,
  };
}

/** A target-weights step as a `portfolio_diagnostics[]` row. */
export function diagnosticsRecord(r: PortfolioDiagnosticsRow): PortfolioDiagnosticsRecord {
  return {
    timestamp: toIso(r.timestamp), rebalanced: r.rebalanced, reason: r.reason,
    target_weights: { ...r.target_weights }, realized_weights: { ...r.realized_weights },
    drift_pct: r.drift_pct, turnover_pct: r.turnover_pct,
  };
}

/** A constraint hit as a `constraint_hits[]` row. */
export function constraintHitRecord(h: ConstraintHit): ConstraintHitRecord {
  return { timestamp: toIso(h.timestamp), constraint: h.constraint, symbol: h.symbol, detail: h.detail };
}

/** A log line as a `logs[]` row. */
export function logRecord(l: EngineLogLine): LogRecord {
  return { timestamp: toIso(l.timestamp), level: l.level, message: l.message };
}

/** Final positions, keys in the order given. */
export function finalPositionRecords(positions: Record<string, FinalPosition>): Record<string, FinalPositionRecord> {
  const out: Record<string, FinalPositionRecord> = {};
  for (const [symbol, p] of Object.entries(positions)) {
    out[symbol] = {
      shares: p.shares, average_cost: p.average_cost, market_price: p.market_price,
      market_value: p.market_value, unrealized_pnl: p.unrealized_pnl,
    };
  }
  return out;
}
