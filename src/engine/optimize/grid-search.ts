/** Grid search: the Cartesian product of every axis's grid points, in order, truncated to `max_trials`. */
import type { Proposal, SearchContext, SearchMethod } from "./search-method.ts";
import { gridAxis, paramKey, productAt } from "./space.ts";
import type { OptimizationRequest } from "./types.ts";

/**
 * Enumerates the product with the last parameter varying fastest; each call proposes the first
 * grid points not yet run or running, so a restored history never repeats a point.
 */
export function createGridSearch(request: OptimizationRequest): SearchMethod {
  const params = request.search_space.parameters;
  const axes = params.map((p) => gridAxis(p, request.grid_steps));
  const size = axes.reduce((acc, a) => acc * a.length, 1);
  const capacity = Math.min(size, request.max_trials);
  return {
    usesResults: false,
    capacity,
    propose(context: SearchContext, n: number): Proposal[] {
      const seen = new Set([...context.history.map((t) => paramKey(params, t.parameters)), ...context.pending.map((s) => paramKey(params, s))]);
      const out: Proposal[] = [];
      for (let i = 0; i < capacity && out.length < n; i++) {
        const parameters = productAt(params, axes, i);
        if (seen.has(paramKey(params, parameters))) continue;
        out.push({ parameters, proposal: { method: "grid", history_size: context.history.length } });
      }
      return out;
    },
  };
}
