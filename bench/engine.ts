/**
 * Engine throughput: 500 symbols × 2,520 daily bars of `ma_crossover`. Prints bars/s; no
 * assertion (timings on shared machines drift). Run: `npx tsx bench/engine.ts`.
 */
import { simulate } from "../src/engine/simulation/simulate.ts";
import type { BacktestRequest, BarSeries } from "../src/engine/types.ts";

const SYMBOLS = 500;
const BARS = 2520;
const DAY = 86_400_000;
const T0 = Date.UTC(2014, 0, 1);

function series(k: number): BarSeries {
  let seed = k + 1;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const ts = new Float64Array(BARS);
  const open = new Float64Array(BARS);
  const close = new Float64Array(BARS);
  let p = 50 + (k % 100);
  for (let i = 0; i < BARS; i++) {
    ts[i] = T0 + i * DAY;
    open[i] = p;
    p *= 1 + (rand() - 0.5) * 0.04;
    close[i] = p;
  }
  const high = close.map((c, i) => Math.max(c, open[i]) * 1.01);
  const low = close.map((c, i) => Math.min(c, open[i]) * 0.99);
  return { symbol: `S${k}`, resolution: "day", timestamps: ts, open, high, low, close, volume: new Float64Array(BARS).fill(1e7) };
}

const data = Array.from({ length: SYMBOLS }, (_, k) => series(k));
const request: BacktestRequest = {
  symbols: data.map((s) => s.symbol), start_date: "2014-01-01T00:00:00Z", end_date: "2024-01-01T00:00:00Z",
  resolution: "day", strategy: { name: "ma_crossover", params: {} }, execution: {}, initial_capital: 1_000_000,
  currency: "USD", timezone: "UTC", benchmark_symbol: null, portfolio_construction: null, risk_free_rate: 0.02,
  data_source: "sample", csv_data_path: null, data_quality_mode: "warn", seed: 0,
};

for (let round = 0; round < 3; round++) {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const gen = simulate({ request, series: data, quality: [] });
  let step = await gen.next();
  while (!step.done) step = await gen.next();
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const bars = step.value.bars_processed;
  console.log(
    `round ${round + 1}: ${bars} bars, ${step.value.fills.length} fills, ${ms.toFixed(0)} ms wall, ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms CPU, ${(bars / (ms / 1000)).toFixed(0)} bars/s`,
  );
}
