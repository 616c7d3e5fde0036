/**
 * Bayesian search: a Tree-structured Parzen Estimator. Finished trials are split by the quantile γ
 * of their loss into "good" and "bad"; each parameter gets a Parzen density l(x) over the good and
 * g(x) over the bad values; candidates are drawn from l and the one with the largest l(x)/g(x)
 * (the expected-improvement maximiser under the TPE model) is proposed.
 */
import { Prng, deriveSeed } from "../util/prng.ts";
import { CategoricalParzen, UnitParzen } from "./parzen.ts";
import { createRandomSearch } from "./random-search.ts";
import type { Proposal, SearchContext, SearchMethod } from "./search-method.ts";
import { fromUnit, paramKey, toUnit } from "./space.ts";
import type { OptimizationRequest, ParamSet, SearchParameter } from "./types.ts";

/** Fraction of finished trials counted as good. */
export const TPE_GAMMA = 0.25;
/** Candidates drawn from l(x) per proposal. */
export const TPE_CANDIDATES = 24;

/** Random trials before the model is used: a fifth of the budget, between 3 and 10. */
export function tpeStartupTrials(maxTrials: number): number {
  return Math.min(10, Math.max(3, Math.ceil(maxTrials / 5)));
}

/**
 * `exploration_weight` is the weight of the uniform prior in every Parzen density (as if that
 * many extra observations were spread evenly over the space): 0 trusts the observations alone,
 * larger values flatten l and g so proposals wander more. Failed trials (and trials without an
 * objective) count as bad; sets still running count as bad too (a "constant liar") so a batch
 * spreads out instead of proposing one point many times. The generator of trial `k` is seeded by
 * `(random_seed, k)`, so proposals are a pure function of the seed and the history.
 */
export function createTpeSearch(request: OptimizationRequest): SearchMethod {
  const params = request.search_space.parameters;
  const startup = createRandomSearch(request, "tpe_startup");
  const startupTrials = tpeStartupTrials(request.max_trials);
  const sign = request.direction === "maximize" ? -1 : 1;
  return {
    usesResults: true,
    capacity: startup.capacity,
    propose(context: SearchContext, n: number): Proposal[] {
      const scored = context.history.filter((t) => t.objective !== null);
      if (scored.length < startupTrials) return startup.propose(context, n);
      const ranked = [...scored].sort((a, b) => sign * a.objective! - sign * b.objective! || a.number - b.number);
      const nGood = Math.max(1, Math.ceil(TPE_GAMMA * ranked.length));
      const good = ranked.slice(0, nGood).map((t) => t.parameters);
      const bad: ParamSet[] = [...ranked.slice(nGood), ...context.history.filter((t) => t.objective === null)].map((t) => t.parameters);
      bad.push(...context.pending);
      const seen = new Set([...context.history.map((t) => paramKey(params, t.parameters)), ...context.pending.map((s) => paramKey(params, s))]);
      const out: Proposal[] = [];
      for (let slot = 0; slot < n && seen.size < startup.capacity; slot++) {
        const prng = new Prng(deriveSeed(request.random_seed, `tpe:${context.nextNumber + slot}`));
        const parameters = bestCandidate(params, good, bad, request.exploration_weight, prng, seen)
          ?? startup.propose({ ...context, pending: [...context.pending, ...out.map((o) => o.parameters)], nextNumber: context.nextNumber + slot }, 1)[0]?.parameters;
        if (parameters === undefined) break;
        seen.add(paramKey(params, parameters));
        bad.push(parameters);
        out.push({ parameters, proposal: { method: "tpe", history_size: context.history.length } });
      }
      return out;
    },
  };
}

interface AxisModel {
  sample(prng: Prng): number | string | boolean;
  logRatio(value: number | string | boolean): number;
}

function axisModel(p: SearchParameter, good: readonly ParamSet[], bad: readonly ParamSet[], prior: number): AxisModel {
  if (p.kind === "choice") {
    const values = p.values!;
    const index = (v: unknown): number => values.findIndex((x) => x === v);
    const l = new CategoricalParzen(good.map((s) => index(s[p.name])).filter((i) => i >= 0), values.length, prior);
    const g = new CategoricalParzen(bad.map((s) => index(s[p.name])).filter((i) => i >= 0), values.length, prior);
    return {
      sample: (prng) => values[l.sample(prng)]!,
      logRatio: (v) => Math.log(l.density(index(v)) + 1e-12) - Math.log(g.density(index(v)) + 1e-12),
    };
  }
  const minBandwidth = p.integer ? Math.max(0.01, 0.5 / (p.high! - p.low!)) : 0.01;
  const unit = (s: ParamSet): number => toUnit(p, s[p.name] as number);
  const l = new UnitParzen(good.map(unit), prior, minBandwidth);
  const g = new UnitParzen(bad.map(unit), prior, minBandwidth);
  return {
    sample: (prng) => fromUnit(p, l.sample(prng)),
    logRatio: (v) => Math.log(l.density(toUnit(p, v as number)) + 1e-12) - Math.log(g.density(toUnit(p, v as number)) + 1e-12),
  };
}

function bestCandidate(
  params: readonly SearchParameter[], good: readonly ParamSet[], bad: readonly ParamSet[], prior: number, prng: Prng, seen: ReadonlySet<string>,
): ParamSet | undefined {
  const models = params.map((p) => axisModel(p, good, bad, prior));
  let best: ParamSet | undefined;
  let bestScore = -Infinity;
  for (let c = 0; c < TPE_CANDIDATES; c++) {
    const set: ParamSet = {};
    let score = 0;
    params.forEach((p, i) => {
      const v = models[i]!.sample(prng);
      set[p.name] = v;
      score += models[i]!.logRatio(v);
    });
    if (score > bestScore && !seen.has(paramKey(params, set))) {
      best = set;
      bestScore = score;
    }
  }
  return best;
}
