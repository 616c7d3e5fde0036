/** The interface every search method implements, and the factory that picks one for a request. */
import { createGridSearch } from "./grid-search.ts";
import { createRandomSearch } from "./random-search.ts";
import { createTpeSearch } from "./tpe-search.ts";
import type { OptimizationRequest, ParamSet, TrialProposal, TrialResult } from "./types.ts";

/** What a search method sees when proposing: finished trials, sets still running, the next trial number. */
export interface SearchContext {
  history: readonly TrialResult[];
  pending: readonly ParamSet[];
  nextNumber: number;
}

/** A proposed parameter set and how it was chosen. */
export interface Proposal {
  parameters: ParamSet;
  proposal: TrialProposal;
}

/**
 * A search method. `propose` is pure: the same request (seed included), context and `n` always give
 * the same proposals. It returns at most `n` sets, never one already in the history or pending,
 * and fewer (possibly none) when the space is exhausted.
 */
export interface SearchMethod {
  /** Most distinct trials this method can produce (grid: the product size; random: the space size). */
  readonly capacity: number;
  /** True when proposals depend on finished trials' objectives (a model-based method). */
  readonly usesResults: boolean;
  propose(context: SearchContext, n: number): Proposal[];
}

/** The search method named by `request.strategy`. */
export function createSearchMethod(request: OptimizationRequest): SearchMethod {
  switch (request.strategy) {
    case "grid":
      return createGridSearch(request);
    case "random":
      return createRandomSearch(request, "random");
    case "bayesian":
      return createTpeSearch(request);
  }
}
