/** `target_weights` portfolio construction (engine spec §3.7). */
import type { ConstraintHit, PortfolioDiagnosticsRow } from "../simulation-types.ts";
import type { PortfolioConstructionSpec } from "../types.ts";
import { calendarKey } from "../util/time.ts";
import type { CalendarPeriod } from "../util/time.ts";
import type { DecisionBook, Strategy } from "./strategy.ts";
import { constrainWeights, limitTurnover } from "./weight-plan.ts";
import type { PlanHit } from "./weight-plan.ts";

const PERIOD: Readonly<Record<string, CalendarPeriod>> = { daily: "day", weekly: "week", monthly: "month" };

/** A portfolio-wide strategy that also reports its diagnostics and constraint hits. */
export interface TargetWeightsStrategy extends Strategy {
  readonly diagnostics: PortfolioDiagnosticsRow[];
  readonly constraintHits: ConstraintHit[];
}

/**
 * Once per master timestamp (after the closes): rebalances on the first step, on the first step
 * of each new calendar period (`rebalance_frequency` in the request's `timezone`), and when the
 * largest |realised − target| weight exceeds `drift_threshold_pct` points. A rebalance targets
 * `effective weight × equity / close` per symbol, with the weights capped by `max_weight_pct`,
 * then scaled for `cash_floor_pct`, and the trades scaled for `max_turnover_pct`. Symbols without a
 * close yet are skipped. When the drawdown from the peak (starting at the initial capital)
 * reaches `max_drawdown_pct`, everything is sold and the portfolio stays in cash for the rest of
 * the run. Every step writes a diagnostics row; its `target_weights` are the effective weights
 * (after max-weight and cash-floor) and drift is measured against them.
 */
export function createTargetWeights(spec: PortfolioConstructionSpec, symbols: readonly string[], timezone: string): TargetWeightsStrategy {
  const n = symbols.length;
  const target = normalisedWeights(spec.target_weights, symbols);
  const effective = constrainWeights(target, symbols, spec.max_weight_pct, spec.cash_floor_pct ?? 0);
  const targetRecord = toRecord(effective.weights, symbols);
  const period = PERIOD[spec.rebalance_frequency ?? "weekly"];
  const deltas = new Float64Array(n);
  const diagnostics: PortfolioDiagnosticsRow[] = [];
  const constraintHits: ConstraintHit[] = [];
  let lastKey: string | null = null;
  let halted = false;
  const hit = (t: number, h: PlanHit) =>
    constraintHits.push({ timestamp: t, constraint: h.constraint, symbol: h.symbol === null ? null : symbols[h.symbol], detail: h.detail });

  const reasonFor = (t: number, drift: number): string | null => {
    const key = calendarKey(t, timezone, period);
    const first = lastKey === null;
    const boundary = !first && key !== lastKey;
    lastKey = key;
    if (first) return "initial allocation";
    if (boundary) return `${spec.rebalance_frequency ?? "weekly"} schedule`;
    if (spec.drift_threshold_pct !== undefined && drift > spec.drift_threshold_pct) return `drift ${drift.toFixed(2)}% > ${spec.drift_threshold_pct}%`;
    return null;
  };

  return {
    allowShort: false,
    diagnostics,
    constraintHits,
    onStep(t: number, book: DecisionBook): void {
      const realized = realizedWeights(book, n);
      const drift = maxDrift(realized, effective.weights);
      let reason = halted ? null : reasonFor(t, drift);
      const drawdown = book.peakEquity > 0 ? ((book.peakEquity - book.equity) / book.peakEquity) * 100 : 0;
      let turnover = 0;
      if (!halted && spec.max_drawdown_pct !== undefined && drawdown >= spec.max_drawdown_pct) {
        halted = true;
        reason = `max drawdown ${drawdown.toFixed(2)}% reached: moved to cash`;
        hit(t, { constraint: "max_drawdown", symbol: null, detail: `drawdown ${drawdown.toFixed(2)}% ≥ ${spec.max_drawdown_pct}%; liquidated and halted` });
        for (let s = 0; s < n; s++) book.setTarget(s, 0);
      } else if (reason !== null) {
        for (const h of effective.hits) hit(t, h);
        turnover = rebalance(book, effective.weights, deltas, spec.max_turnover_pct, (h) => hit(t, h));
      }
      diagnostics.push({
        timestamp: t,
        rebalanced: reason !== null,
        reason: reason ?? (halted ? "halted after max drawdown" : "no rebalance due"),
        target_weights: targetRecord,
        realized_weights: toRecord(realized, symbols),
        drift_pct: drift,
        turnover_pct: turnover,
      });
    },
  };
}

function rebalance(book: DecisionBook, weights: Float64Array, deltas: Float64Array, maxTurnover: number | undefined, onHit: (h: PlanHit) => void): number {
  for (let s = 0; s < weights.length; s++) {
    const close = book.lastClose(s);
    const held = book.position(s) + book.pending(s);
    deltas[s] = close > 0 ? weights[s] * book.equity - held * close : 0;
  }
  const limited = limitTurnover(deltas, book.equity, maxTurnover);
  if (limited.hit) onHit(limited.hit);
  for (let s = 0; s < weights.length; s++) {
    const close = book.lastClose(s);
    if (close > 0) book.setTarget(s, book.position(s) + book.pending(s) + deltas[s] / close);
  }
  return limited.turnoverPct;
}

function normalisedWeights(weights: Record<string, number>, symbols: readonly string[]): Float64Array {
  const out = new Float64Array(symbols.length);
  let total = 0;
  for (let s = 0; s < symbols.length; s++) {
    const w = weights[symbols[s]] ?? 0;
    out[s] = w > 0 ? w : 0;
    total += out[s];
  }
  for (let s = 0; s < out.length; s++) out[s] = total > 0 ? out[s] / total : 0;
  return out;
}

function realizedWeights(book: DecisionBook, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let s = 0; s < n; s++) out[s] = book.equity > 0 ? (book.position(s) * book.lastClose(s)) / book.equity : 0;
  return out;
}

function maxDrift(realized: Float64Array, target: Float64Array): number {
  let max = 0;
  for (let s = 0; s < realized.length; s++) max = Math.max(max, Math.abs(realized[s] - target[s]) * 100);
  return max;
}

function toRecord(weights: Float64Array, symbols: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (let s = 0; s < symbols.length; s++) out[symbols[s]] = weights[s];
  return out;
}
