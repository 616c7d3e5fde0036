/**
 * A fast approximate standard normal for hot generators: one 32-bit hash mapped through a
 * tabulated inverse normal CDF (4096 bins, linear interpolation). Tails are cut at about
 * ±3.7σ and the table is rescaled to unit variance; mean is exactly 0 by symmetry.
 */
import { hashToUint32 } from "./prng.ts";

const BINS = 4096;
const BIN_SCALE = BINS / 4294967296;

// Local binding: test runners and CJS transpilers turn imported calls into property lookups.
const uint32At = hashToUint32;

// Complementary error function, Abramowitz & Stegun 7.1.26 (absolute error < 1.5e-7).
function erfc(x: number): number {
  const ax = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * ax);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const value = poly * Math.exp(-ax * ax);
  return x >= 0 ? value : 2 - value;
}

function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

function inverseNormalCdf(p: number): number {
  let lo = -10;
  let hi = 10;
  for (let i = 0; i < 80; i++) {
    const mid = (lo + hi) / 2;
    if (normalCdf(mid) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

function buildTable(): Float64Array {
  const table = new Float64Array(BINS + 1);
  for (let j = 1; j < BINS / 2; j++) {
    const q = inverseNormalCdf(j / BINS);
    table[j] = q;
    table[BINS - j] = -q;
  }
  table[0] = inverseNormalCdf(0.5 / BINS);
  table[BINS] = -table[0];
  let secondMoment = 0;
  for (let j = 0; j < BINS; j++) {
    const a = table[j];
    const b = table[j + 1];
    secondMoment += (a * a + a * b + b * b) / 3;
  }
  const scale = 1 / Math.sqrt(secondMoment / BINS);
  for (let j = 0; j <= BINS; j++) table[j] *= scale;
  return table;
}

const TABLE = buildTable();

/**
 * Approximate standard normal for `(seed, counter)`, stateless like `hashToUnit` and about five
 * times cheaper than `hashToNormal`. Range about ±3.7; unit variance.
 */
export function hashToNormalFast(seed: number, counter: number): number {
  const x = uint32At(seed, counter) * BIN_SCALE;
  const j = Math.floor(x);
  const a = TABLE[j];
  return a + (x - j) * (TABLE[j + 1] - a);
}
