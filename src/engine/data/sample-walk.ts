/**
 * The daily backbone of the sample generator: log closes of every calendar day as a Gaussian
 * random walk with drift, pinned to the ticker's anchor price on 2020-01-01.
 *
 * Range independence: the walk is defined on blocks of 256 days. Block boundary levels are a
 * coarse random walk (one normal per block, summed outward from the anchor in a fixed order);
 * the days inside a block follow a Brownian bridge between its two boundary levels, drawn from
 * counter-based normals keyed by the day. The value of any day therefore depends only on the
 * ticker and the day, and costs O(|blocks from anchor|) + O(256) extra work per request.
 */
import { hashToNormalFast } from "../util/normal-table.ts";
import { deriveSeed } from "../util/prng.ts";
import type { SampleTickerParams } from "./sample-params.ts";

/** UTC day index of 2020-01-01, the day whose close equals the ticker's anchor price. */
export const ANCHOR_DAY = 18262;

/** Days per bridge block. */
export const WALK_BLOCK_DAYS = 256;

const DAYS_PER_YEAR = 365.25;

// Local binding: test runners and CJS transpilers turn imported calls into property lookups.
const normalAt = hashToNormalFast;

// sqrt((n - 1) / n) for n = BLOCK - k remaining steps: the bridge's conditional step deviation.
const BRIDGE_SCALE = new Float64Array(WALK_BLOCK_DAYS);
for (let k = 0; k < WALK_BLOCK_DAYS; k++) {
  const remaining = WALK_BLOCK_DAYS - k;
  BRIDGE_SCALE[k] = Math.sqrt((remaining - 1) / remaining);
}

/** Precomputed constants of one ticker's daily walk. */
export interface DailyWalk {
  logAnchor: number;
  /** Drift of the log price per calendar day (`(μ − σ²/2) / 365.25`). */
  logDriftPerDay: number;
  /** Standard deviation of the daily log return (`σ / √365.25`). */
  sigmaPerDay: number;
  blockSeed: number;
  daySeed: number;
}

/** Walk constants for a ticker. */
export function dailyWalk(params: SampleTickerParams): DailyWalk {
  const v = params.volatility;
  return {
    logAnchor: Math.log(params.anchorPrice),
    logDriftPerDay: (params.drift - (v * v) / 2) / DAYS_PER_YEAR,
    sigmaPerDay: v / Math.sqrt(DAYS_PER_YEAR),
    blockSeed: deriveSeed(params.seed, "walk-block"),
    daySeed: deriveSeed(params.seed, "walk-day"),
  };
}

function blockIncrement(walk: DailyWalk, block: number): number {
  const drift = WALK_BLOCK_DAYS * walk.logDriftPerDay;
  return drift + Math.sqrt(WALK_BLOCK_DAYS) * walk.sigmaPerDay * normalAt(walk.blockSeed, block);
}

/**
 * Log levels at the starts of blocks `first..last` (relative to the anchor block 0). Always
 * summed from block 0 outward, so a level is bit-identical whichever range asks for it.
 */
function blockLevels(walk: DailyWalk, first: number, last: number): Float64Array {
  const out = new Float64Array(last - first + 1);
  if (first <= 0 && last >= 0) out[-first] = walk.logAnchor;
  let x = walk.logAnchor;
  for (let b = 0; b < last; b++) {
    x += blockIncrement(walk, b);
    if (b + 1 >= first) out[b + 1 - first] = x;
  }
  x = walk.logAnchor;
  for (let b = -1; b >= first; b--) {
    x -= blockIncrement(walk, b);
    if (b <= last) out[b - first] = x;
  }
  return out;
}

/** Writes the log close of calendar day `firstDay + i` into `out[i]` for every i. */
export function fillDailyLogCloses(walk: DailyWalk, firstDay: number, out: Float64Array): void {
  if (out.length === 0) return;
  const lastDay = firstDay + out.length - 1;
  const firstBlock = Math.floor((firstDay - ANCHOR_DAY) / WALK_BLOCK_DAYS);
  const lastBlock = Math.floor((lastDay - ANCHOR_DAY) / WALK_BLOCK_DAYS);
  const levels = blockLevels(walk, firstBlock, lastBlock + 1);
  for (let b = firstBlock; b <= lastBlock; b++) {
    const blockStart = ANCHOR_DAY + b * WALK_BLOCK_DAYS;
    const target = levels[b + 1 - firstBlock];
    let x = levels[b - firstBlock];
    if (blockStart >= firstDay) out[blockStart - firstDay] = x;
    const steps = Math.min(WALK_BLOCK_DAYS - 1, lastDay - blockStart);
    for (let k = 0; k < steps; k++) {
      const z = normalAt(walk.daySeed, b * WALK_BLOCK_DAYS + k + 1);
      x += (target - x) / (WALK_BLOCK_DAYS - k) + walk.sigmaPerDay * BRIDGE_SCALE[k] * z;
      const day = blockStart + k + 1;
      if (day >= firstDay) out[day - firstDay] = x;
    }
  }
}
