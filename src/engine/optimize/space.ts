/** Axes of a search space: unit-interval mapping, grid points, uniform sampling, set identity. */
import type { Prng } from "../util/prng.ts";
import type { ParamSet, ParamValue, SearchParameter } from "./types.ts";

/** Identity of a parameter set (values in search-space order), for duplicate detection. */
export function paramKey(params: readonly SearchParameter[], set: ParamSet): string {
  return JSON.stringify(params.map((p) => set[p.name]));
}

/** Maps a range axis value to [0, 1] (log scale for `log_uniform`). */
export function toUnit(p: SearchParameter, value: number): number {
  const [lo, hi] = [p.low!, p.high!];
  if (p.kind === "log_uniform") return (Math.log(value) - Math.log(lo)) / (Math.log(hi) - Math.log(lo));
  return (value - lo) / (hi - lo);
}

/** Maps u in [0, 1] back to a range axis value, rounded for integer axes and clamped to the bounds. */
export function fromUnit(p: SearchParameter, u: number): number {
  const [lo, hi] = [p.low!, p.high!];
  const c = Math.min(1, Math.max(0, u));
  let v = p.kind === "log_uniform" ? Math.exp(Math.log(lo) + c * (Math.log(hi) - Math.log(lo))) : lo + c * (hi - lo);
  if (p.integer) v = Math.round(v);
  return Math.min(hi, Math.max(lo, v));
}

/**
 * The grid points of one axis: a choice's values as given; otherwise `steps` evenly spaced points
 * from low to high (geometric for `log_uniform`), rounded and de-duplicated on integer axes.
 */
export function gridAxis(p: SearchParameter, steps: number): ParamValue[] {
  if (p.kind === "choice") return [...p.values!];
  const out: number[] = [];
  for (let i = 0; i < steps; i++) {
    const v = i === steps - 1 ? p.high! : fromUnit(p, i / (steps - 1));
    if (!out.includes(v)) out.push(v);
  }
  return out;
}

/** Number of distinct values of an axis (`Infinity` for a continuous one). */
export function axisSize(p: SearchParameter): number {
  if (p.kind === "choice") return p.values!.length;
  if (!p.integer) return Infinity;
  return p.high! - p.low! + 1;
}

/** A uniform draw of every axis (log-uniform on `log_uniform` axes). */
export function sampleUniform(params: readonly SearchParameter[], prng: Prng): ParamSet {
  const set: ParamSet = {};
  for (const p of params) set[p.name] = p.kind === "choice" ? p.values![Math.floor(prng.nextFloat() * p.values!.length)]! : fromUnit(p, prng.nextFloat());
  return set;
}

/** All values of a finite (every axis discrete) space, in grid order; call only when small. */
export function discreteAxis(p: SearchParameter): ParamValue[] {
  if (p.kind === "choice") return [...p.values!];
  const out: number[] = [];
  for (let v = p.low!; v <= p.high!; v++) out.push(v);
  return out;
}

/** The `index`-th set of the Cartesian product of `axes` (the last axis varies fastest). */
export function productAt(params: readonly SearchParameter[], axes: readonly ParamValue[][], index: number): ParamSet {
  const set: ParamSet = {};
  let rest = index;
  for (let i = params.length - 1; i >= 0; i--) {
    const axis = axes[i]!;
    set[params[i]!.name] = axis[rest % axis.length]!;
    rest = Math.floor(rest / axis.length);
  }
  return set;
}
