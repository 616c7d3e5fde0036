/** Parzen (kernel) densities of the TPE: truncated Gaussians on [0, 1] and smoothed categoricals. */
import { normCdf } from "../options/normal.ts";
import type { Prng } from "../util/prng.ts";

const SQRT_2PI = Math.sqrt(2 * Math.PI);
/** Narrowest kernel, in unit-interval widths. */
const MIN_BANDWIDTH = 0.01;

/**
 * A mixture on [0, 1] of one Gaussian per observation (each truncated to [0, 1]) and a uniform
 * prior of weight `priorWeight`. Each kernel's bandwidth is the larger gap to its neighbours
 * (the interval ends count as neighbours), clipped to [max(minBandwidth, 1 / min(100, n + 1)), 1]:
 * wide where observations are sparse, narrow where they crowd, and narrower as n grows.
 */
export class UnitParzen {
  private readonly sigmas: number[];
  private readonly mass: number[];

  constructor(private readonly points: readonly number[], private readonly priorWeight: number, minBandwidth = MIN_BANDWIDTH) {
    const n = points.length;
    const order = points.map((p, i) => ({ p, i })).sort((a, b) => a.p - b.p || a.i - b.i);
    const floor = Math.max(minBandwidth, 1 / Math.min(100, n + 1));
    this.sigmas = new Array<number>(n).fill(1);
    order.forEach(({ p, i }, k) => {
      const left = p - (k > 0 ? order[k - 1]!.p : 0);
      const right = (k < n - 1 ? order[k + 1]!.p : 1) - p;
      this.sigmas[i] = Math.min(1, Math.max(floor, left, right));
    });
    this.mass = points.map((p, i) => Math.max(1e-12, normCdf((1 - p) / this.sigmas[i]!) - normCdf(-p / this.sigmas[i]!)));
  }

  /** Density at u ∈ [0, 1]. */
  density(u: number): number {
    const total = this.points.length + this.priorWeight;
    if (total === 0) return 1;
    let sum = this.priorWeight;
    this.points.forEach((p, i) => {
      const sigma = this.sigmas[i]!;
      const z = (u - p) / sigma;
      sum += Math.exp(-0.5 * z * z) / (SQRT_2PI * sigma * this.mass[i]!);
    });
    return sum / total;
  }

  /** A draw from the mixture. */
  sample(prng: Prng): number {
    const total = this.points.length + this.priorWeight;
    const pick = prng.nextFloat() * total;
    if (total === 0 || pick < this.priorWeight) return prng.nextFloat();
    const k = Math.min(this.points.length - 1, Math.floor(pick - this.priorWeight));
    const centre = this.points[k]!;
    for (let i = 0; i < 16; i++) {
      const u = centre + this.sigmas[k]! * prng.nextNormal();
      if (u >= 0 && u <= 1) return u;
    }
    return Math.min(1, Math.max(0, centre));
  }
}

/** Category frequencies smoothed by a uniform prior of total weight `priorWeight`. */
export class CategoricalParzen {
  private readonly probs: number[];

  constructor(indices: readonly number[], size: number, priorWeight: number) {
    const counts = new Array<number>(size).fill(priorWeight / size);
    for (const i of indices) counts[i]! += 1;
    const total = indices.length + priorWeight;
    this.probs = counts.map((c) => (total === 0 ? 1 / size : c / total));
  }

  /** Probability of category `i`. */
  density(i: number): number {
    return this.probs[i]!;
  }

  /** A draw (a category index). */
  sample(prng: Prng): number {
    let r = prng.nextFloat();
    for (let i = 0; i < this.probs.length; i++) {
      r -= this.probs[i]!;
      if (r < 0) return i;
    }
    return this.probs.length - 1;
  }
}
