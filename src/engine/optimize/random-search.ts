/** Random search: seeded uniform draws with no duplicate parameter sets. */
import { Prng, deriveSeed } from "../util/prng.ts";
import type { Proposal, SearchContext, SearchMethod } from "./search-method.ts";
import { axisSize, discreteAxis, paramKey, productAt, sampleUniform } from "./space.ts";
import type { OptimizationRequest, TrialProposal } from "./types.ts";

/** Draws per slot before falling back to enumerating a finite space. */
const MAX_DRAWS = 64;
/** Largest finite space enumerated for the fallback. */
const MAX_ENUMERATED = 200_000;

/**
 * Trial `k`'s draws come from a generator seeded by `(random_seed, k)`, so proposals do not depend
 * on how trials were batched. A duplicate is redrawn; in a small finite space the remaining sets
 * are enumerated and one is picked at random, so the space can be exhausted exactly.
 */
export function createRandomSearch(request: OptimizationRequest, method: TrialProposal["method"]): SearchMethod {
  const params = request.search_space.parameters;
  const size = params.reduce((acc, p) => acc * axisSize(p), 1);
  const axes = size <= MAX_ENUMERATED ? params.map(discreteAxis) : null;
  return {
    usesResults: false,
    capacity: Math.min(size, request.max_trials),
    propose(context: SearchContext, n: number): Proposal[] {
      const seen = new Set([...context.history.map((t) => paramKey(params, t.parameters)), ...context.pending.map((s) => paramKey(params, s))]);
      const out: Proposal[] = [];
      for (let slot = 0; out.length < n && seen.size < size; slot++) {
        const prng = new Prng(deriveSeed(request.random_seed, `${method}:${context.nextNumber + slot}`));
        let parameters = null;
        for (let d = 0; d < MAX_DRAWS && parameters === null; d++) {
          const draw = sampleUniform(params, prng);
          if (!seen.has(paramKey(params, draw))) parameters = draw;
        }
        if (parameters === null && axes) {
          const free: number[] = [];
          for (let i = 0; i < size; i++) if (!seen.has(paramKey(params, productAt(params, axes, i)))) free.push(i);
          if (free.length > 0) parameters = productAt(params, axes, free[Math.floor(prng.nextFloat() * free.length)]!);
        }
        if (parameters === null) break;
        seen.add(paramKey(params, parameters));
        out.push({ parameters, proposal: { method, history_size: context.history.length } });
      }
      return out;
    },
  };
}
