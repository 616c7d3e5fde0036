/**
 * Deterministic sample bars for any ticker (engine spec §2.1): geometric Brownian motion seeded
 * from the ticker's name. A bar depends only on (ticker, resolution, timestamp), never on the
 * requested range: daily closes come from the range-independent walk in `sample-walk.ts`;
 * intraday bars follow a Brownian bridge from the day's open to its close, keyed by day and slot.
 */
import type { BarSeries, Resolution } from "../types.ts";
import { hashToNormalFast } from "../util/normal-table.ts";
import { deriveSeed, hashToUint32 } from "../util/prng.ts";
import { DAY_MS, dayIndex } from "../util/time.ts";
import { isTradingDay, sessionGrid } from "./asset-class.ts";
import type { SessionGrid } from "./asset-class.ts";
import { estimateBarCount, slotsBefore } from "./sample-calendar.ts";
import { sampleParams } from "./sample-params.ts";
import type { SampleTickerParams } from "./sample-params.ts";
import { dailyWalk, fillDailyLogCloses } from "./sample-walk.ts";

// Local bindings: test runners and CJS transpilers turn imported calls into property lookups,
// which costs measurably in these per-bar loops.
const normalAt = hashToNormalFast;
const uint32At = hashToUint32;

// Intraday counters are day · SLOT_STRIDE + slot; 2048 exceeds the 1440 minutes of a day.
const SLOT_STRIDE = 2048;

interface BarWriter {
  series: BarSeries;
  params: SampleTickerParams;
  grid: SessionGrid;
  /** Log-return deviation of one bar. */
  sigmaBar: number;
  gapSigma: number;
  gapSeed: number;
  pathSeed: number;
  barSeed: number;
  volumePerBar: number;
}

/**
 * Writes bar `i`; `logMove` = ln(close / open). One hash keyed by `counter` supplies the upper
 * wick (bits 0–10), lower wick (bits 11–21) and volume noise (bits 22–31).
 */
function writeBar(w: BarWriter, i: number, ts: number, counter: number, o: number, c: number, logMove: number): void {
  const s = w.series;
  const h = uint32At(w.barSeed, counter);
  const wick = (0.7 * w.sigmaBar) / 2048;
  const move = (logMove < 0 ? -logMove : logMove) / w.sigmaBar;
  const raw = w.volumePerBar * (0.6 + (0.8 / 1024) * (h >>> 22)) * (1 + 0.5 * move);
  s.timestamps[i] = ts;
  s.open[i] = o;
  s.high[i] = (o > c ? o : c) * (1 + wick * (h & 2047));
  s.low[i] = (o < c ? o : c) / (1 + wick * ((h >>> 11) & 2047));
  s.close[i] = c;
  s.volume[i] = w.params.crypto ? raw : Math.max(1, Math.round(raw));
}

/** Log open of `day`: the previous close, plus an overnight gap for equities. */
function logOpen(w: BarWriter, day: number, prevLogClose: number): number {
  return w.gapSigma === 0 ? prevLogClose : prevLogClose + w.gapSigma * normalAt(w.gapSeed, day);
}

function writeIntradayDay(w: BarWriter, day: number, x0: number, target: number, from: number, to: number, i: number): number {
  const slots = w.grid.slots;
  const base = day * DAY_MS + w.grid.offsetMs;
  let x = x0;
  let xPrev = x0;
  let prev = Math.exp(x);
  for (let k = 0; k < to; k++) {
    const remaining = slots - k;
    const z = normalAt(w.pathSeed, day * SLOT_STRIDE + k);
    x += (target - x) / remaining + w.sigmaBar * Math.sqrt((remaining - 1) / remaining) * z;
    const next = Math.exp(x);
    if (k >= from) writeBar(w, i++, base + k * w.grid.stepMs, day * SLOT_STRIDE + k, prev, next, x - xPrev);
    prev = next;
    xPrev = x;
  }
  return i;
}

function allocateSeries(symbol: string, resolution: Resolution, n: number): BarSeries {
  return {
    symbol, resolution,
    timestamps: new Float64Array(n), open: new Float64Array(n), high: new Float64Array(n),
    low: new Float64Array(n), close: new Float64Array(n), volume: new Float64Array(n),
  };
}

/**
 * Sample bars of `symbol` with `startMs <= timestamp < endMs` on the ticker's grid (see
 * `sessionGrid`). Prices in quote currency, volume in shares (whole, ≥ 1) or coins (fractional,
 * > 0). Always `0 < low ≤ min(open, close)` and `high ≥ max(open, close)`. The series keeps
 * `symbol` as given; parameters and seeds use its upper-case form. No size cap here (see
 * `createSampleProvider`).
 */
export function generateSampleSeries(symbol: string, resolution: Resolution, startMs: number, endMs: number): BarSeries {
  const n = estimateBarCount(symbol, resolution, startMs, endMs);
  const series = allocateSeries(symbol, resolution, n);
  if (n === 0) return series;
  const params = sampleParams(symbol);
  const grid = sessionGrid(symbol, resolution);
  const walk = dailyWalk(params);
  const w: BarWriter = {
    series, params, grid,
    sigmaBar: resolution === "day" ? walk.sigmaPerDay : walk.sigmaPerDay / Math.sqrt(grid.slots),
    gapSigma: params.crypto ? 0 : 0.3 * walk.sigmaPerDay,
    gapSeed: deriveSeed(params.seed, "gap"),
    pathSeed: deriveSeed(params.seed, `path-${resolution}`),
    barSeed: deriveSeed(params.seed, `bar-${resolution}`),
    volumePerBar: params.dailyVolume / grid.slots,
  };
  const firstDay = dayIndex(startMs);
  const lastDay = dayIndex(endMs);
  // logCloses[j] is the close of day firstDay - 1 + j (the day before supplies the first open).
  const logCloses = new Float64Array(lastDay - firstDay + 2);
  fillDailyLogCloses(walk, firstDay - 1, logCloses);
  let i = 0;
  for (let day = firstDay; day <= lastDay && i < n; day++) {
    if (!isTradingDay(day, params.crypto)) continue;
    const from = slotsBefore(grid, day, startMs);
    const to = slotsBefore(grid, day, endMs);
    if (from >= to) continue;
    const j = day - firstDay + 1;
    const open = logOpen(w, day, logCloses[j - 1]);
    if (resolution === "day") {
      writeBar(w, i++, day * DAY_MS, day, Math.exp(open), Math.exp(logCloses[j]), logCloses[j] - open);
    }
    else i = writeIntradayDay(w, day, open, logCloses[j], from, to, i);
  }
  return series;
}
