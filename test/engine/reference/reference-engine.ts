/**
 * A deliberately naive backtester for `buy_and_hold`, `ma_crossover` and `rsi`, written from
 * the spec alone: one object per bar, indicators recomputed from scratch at every bar, plain
 * arrays, linear scans. It shares nothing with `src/` but the types and the execution-settings
 * resolver. Equities only (whole shares).
 */
import { resolveExecutionSettings } from "../../../src/engine/execution/settings.ts";
import type { BacktestRequest, BarSeries } from "../../../src/engine/types.ts";

interface Bar { t: number; open: number; close: number; volume: number }
interface Order { id: number; sym: number; qty: number; fillAt: number }
/** A reference fill (the fields compared with the engine). */
export interface RefFill { timestamp: number; symbol: string; action: "BUY" | "SELL"; shares: number; price: number; commission: number; realized_pnl: number | null; closesPosition: boolean }

const BAR_MS = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };
const floorQty = (x: number) => Math.trunc(x + (x >= 0 ? 1e-9 : -1e-9));

function smaAt(closes: number[], i: number, p: number): number {
  if (i < p - 1) return Number.NaN;
  let sum = 0;
  for (let k = i - p + 1; k <= i; k++) sum += closes[k];
  return sum / p;
}

function rsiAt(closes: number[], i: number, p: number, smoothing: string): number {
  if (i < p) return Number.NaN;
  const gain = (k: number) => Math.max(0, closes[k] - closes[k - 1]);
  const loss = (k: number) => Math.max(0, closes[k - 1] - closes[k]);
  let g = 0;
  let l = 0;
  const from = smoothing === "simple" ? i - p + 1 : 1;
  for (let k = from; k < from + p; k++) { g += gain(k); l += loss(k); }
  g /= p;
  l /= p;
  if (smoothing === "wilder") {
    for (let k = p + 1; k <= i; k++) { g = (g * (p - 1) + gain(k)) / p; l = (l * (p - 1) + loss(k)) / p; }
  }
  if (l === 0) return g === 0 ? 50 : 100;
  return 100 - 100 / (1 + g / l);
}

/** Runs the reference; returns fills and the equity value at every master timestamp. */
export function referenceRun(request: BacktestRequest, series: BarSeries[]): { fills: RefFill[]; equity: number[]; cash: number[] } {
  const ex = resolveExecutionSettings(request.execution);
  const p = request.strategy.params as Record<string, number & boolean & string>;
  const delay = Math.max(1, Math.ceil(ex.latency_ms / BAR_MS[request.resolution]));
  const bars: Bar[][] = series.map((s) => Array.from(s.timestamps, (t, i) => ({ t, open: s.open[i], close: s.close[i], volume: s.volume[i] })));
  const times = [...new Set(bars.flat().map((b) => b.t))].sort((a, b) => a - b);
  const n = series.length;
  const pos = new Array<number>(n).fill(0);
  const avg = new Array<number>(n).fill(0);
  const last = new Array<number>(n).fill(0);
  let cash = request.initial_capital;
  let orders: Order[] = [];
  let nextId = 1;
  const fills: RefFill[] = [];
  const equity: number[] = [];
  const cashes: number[] = [];
  const commission = (q: number, price: number) => Math.max(ex.minimum_commission, ex.commission_per_share * q + (ex.commission_bps / 1e4) * q * price);

  const fill = (o: Order, bar: Bar) => {
    const side = o.qty > 0 ? 1 : -1;
    const price = side === 1 ? bar.open * (1 + ex.slippage_bps / 1e4) : bar.open * (1 - ex.slippage_bps / 1e4);
    let q = Math.abs(o.qty);
    if (side < 0) q = Math.min(q, Math.max(0, pos[o.sym]));
    q = Math.min(q, floorQty(ex.max_volume_participation * bar.volume));
    if (side > 0 && q > 0 && q * price + commission(q, price) > cash) {
      let lo = 0;
      let hi = q;
      while (lo < hi) {
        const mid = Math.ceil((lo + hi) / 2);
        if (mid * price + commission(mid, price) <= cash) lo = mid;
        else hi = mid - 1;
      }
      q = lo;
    }
    if (q <= 0) return;
    const c = commission(q, price);
    const d = side * q;
    const before = pos[o.sym];
    cash -= d * price + c;
    pos[o.sym] = before + d;
    let realized: number | null = null;
    if (before === 0 || Math.sign(before) === side) {
      avg[o.sym] = (Math.abs(before) * avg[o.sym] + q * price) / Math.abs(pos[o.sym]);
    } else {
      realized = Math.min(q, Math.abs(before)) * (price - avg[o.sym]) * Math.sign(before) - c;
      if (pos[o.sym] === 0) avg[o.sym] = 0;
    }
    // A round trip ends when the position goes from non-zero to zero (or through zero).
    const closesPosition = before !== 0 && (pos[o.sym] === 0 || Math.sign(pos[o.sym]) !== Math.sign(before));
    fills.push({ timestamp: bar.t, symbol: series[o.sym].symbol, action: side > 0 ? "BUY" : "SELL", shares: q, price, commission: c, realized_pnl: realized, closesPosition });
  };

  const target = (sym: number, idx: number, qty: number) => {
    const pending = orders.filter((o) => o.sym === sym).reduce((a, o) => a + o.qty, 0);
    const q = floorQty(Math.max(0, qty) - pos[sym] - pending);
    if (q !== 0) orders.push({ id: nextId++, sym, qty: q, fillAt: idx + delay });
  };

  for (const t of times) {
    const here = bars.map((b) => b.findIndex((x) => x.t === t));
    const due = here.map((i, s) => (i < 0 ? [] : orders.filter((o) => o.sym === s && o.fillAt <= i)));
    orders = orders.filter((o) => !due.flat().includes(o));
    // Sells first, across all symbols (each symbol's leading sells, so its own orders stay in
    // submission order), then everything else; symbols in request order in both passes.
    for (let s = 0; s < n; s++) {
      while (due[s].length > 0 && due[s][0].qty < 0) fill(due[s].shift()!, bars[s][here[s]]);
    }
    for (let s = 0; s < n; s++) {
      for (const o of due[s]) fill(o, bars[s][here[s]]);
      if (here[s] >= 0) last[s] = bars[s][here[s]].close;
    }
    let long = 0;
    for (let s = 0; s < n; s++) long += pos[s] * last[s];
    const value = cash + (long + 0);
    equity.push(value);
    cashes.push(cash);
    for (let s = 0; s < n; s++) {
      const i = here[s];
      if (i < 0) continue;
      const closes = bars[s].slice(0, i + 1).map((b) => b.close);
      const close = closes[i];
      const alloc = () => (close > 0 && value > 0 ? floorQty((p.position_size * value) / n / close) : 0);
      const held = pos[s] + orders.filter((o) => o.sym === s).reduce((a, o) => a + o.qty, 0);
      if (request.strategy.name === "buy_and_hold" && i === 0) target(s, i, alloc());
      if (request.strategy.name === "ma_crossover" && i > 0) {
        const d = smaAt(closes, i, p.short_period) - smaAt(closes, i, p.long_period);
        const prev = smaAt(closes, i - 1, p.short_period) - smaAt(closes, i - 1, p.long_period);
        if (d > 0 && prev <= 0) target(s, i, alloc());
        else if (d < 0 && prev >= 0) target(s, i, 0);
      }
      if (request.strategy.name === "rsi") {
        const r = rsiAt(closes, i, p.lookback_period, p.smoothing);
        if (r < p.oversold_threshold && held === 0) target(s, i, alloc());
        else if (r > p.overbought_threshold && held > 0) target(s, i, 0);
      }
    }
  }
  return { fills, equity, cash: cashes };
}
