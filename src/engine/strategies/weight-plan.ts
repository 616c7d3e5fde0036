/** Pure arithmetic of one target-weights rebalance: constraints and turnover scaling. */

/** A constraint that changed the plan, before it is stamped with a time. */
export interface PlanHit {
  constraint: "max_weight" | "cash_floor" | "max_turnover" | "max_drawdown";
  symbol: number | null;
  detail: string;
}

/**
 * Applies `max_weight_pct` (each weight capped; the excess stays in cash) and then
 * `cash_floor_pct` (all weights scaled so at most `100 − floor` % is invested) to normalised
 * `weights` (fractions summing to 1). Returns the effective weights and the binding constraints.
 */
export function constrainWeights(
  weights: Float64Array,
  symbols: readonly string[],
  maxWeightPct: number | undefined,
  cashFloorPct: number,
): { weights: Float64Array; hits: PlanHit[] } {
  const out = Float64Array.from(weights);
  const hits: PlanHit[] = [];
  if (maxWeightPct !== undefined) {
    const cap = maxWeightPct / 100;
    for (let s = 0; s < out.length; s++) {
      if (out[s] <= cap) continue;
      hits.push({ constraint: "max_weight", symbol: s, detail: `${symbols[s]} weight ${pct(out[s])}% capped at ${maxWeightPct}%` });
      out[s] = cap;
    }
  }
  let invested = 0;
  for (let s = 0; s < out.length; s++) invested += out[s];
  const room = 1 - cashFloorPct / 100;
  if (cashFloorPct > 0 && invested > room) {
    const k = invested > 0 ? room / invested : 0;
    for (let s = 0; s < out.length; s++) out[s] *= k;
    hits.push({ constraint: "cash_floor", symbol: null, detail: `invested ${pct(invested)}% scaled to ${pct(room)}% to keep ${cashFloorPct}% in cash` });
  }
  return { weights: out, hits };
}

/**
 * Scales every trade (`deltas`, in account currency, signed) by the same factor so their
 * absolute sum is at most `maxTurnoverPct` % of `equity`. Returns the turnover after scaling
 * (in %) and the hit when it bound. Turnover is 0 when `equity ≤ 0`.
 */
export function limitTurnover(
  deltas: Float64Array,
  equity: number,
  maxTurnoverPct: number | undefined,
): { turnoverPct: number; hit: PlanHit | null } {
  let traded = 0;
  for (let s = 0; s < deltas.length; s++) traded += Math.abs(deltas[s]);
  const turnover = equity > 0 ? (traded / equity) * 100 : 0;
  if (maxTurnoverPct === undefined || turnover <= maxTurnoverPct) return { turnoverPct: turnover, hit: null };
  const k = maxTurnoverPct / turnover;
  for (let s = 0; s < deltas.length; s++) deltas[s] *= k;
  return {
    turnoverPct: maxTurnoverPct,
    hit: { constraint: "max_turnover", symbol: null, detail: `turnover ${pct(turnover / 100)}% scaled down to ${maxTurnoverPct}%` },
  };
}

function pct(fraction: number): string {
  return (fraction * 100).toFixed(2);
}
