/**
 * The step API a host drives: ask for trials to run, record their results, read live state,
 * resume from stored trials. Holds no timers and runs nothing itself, so a host can run trials
 * in-process, in a worker pool or in Durable Objects.
 */
import { createSearchMethod } from "./search-method.ts";
import type { SearchContext, SearchMethod } from "./search-method.ts";
import type { OptimizationRequest, OptimizerState, ParamSet, TrialResult, TrialSpec } from "./types.ts";

/** A resumable, deterministic optimiser for one request. */
export interface Optimizer {
  readonly request: OptimizationRequest;
  /**
   * Up to `n` new trials to run now, never more than `concurrency` running at once nor more than
   * the budget. Numbers are the smallest not yet used, so numbering stays continuous across
   * resumes. Trial `k` is proposed from the trials numbered below `k` only (for a model-based
   * method: results of those at least `concurrency` back, the others as running), so the trials
   * are a pure function of the request, whatever order they finish in and however often the
   * optimisation is interrupted and resumed. Empty when nothing may start now.
   */
  nextTrials(n: number): TrialSpec[];
  /** Records a finished trial previously returned by `nextTrials`; throws for an unknown or finished number. */
  recordTrial(result: TrialResult): void;
  /** Live counts and the best trial so far. */
  state(): OptimizerState;
  /** True when the budget is spent (or the space exhausted) and nothing is running. */
  isDone(): boolean;
  /**
   * Loads stored trials into a fresh optimiser (throws otherwise or on duplicate numbers): they
   * count against the budget, inform the search, and are never proposed again.
   */
  restore(trials: readonly TrialResult[]): void;
  /** The finished trials, by number. */
  trials(): TrialResult[];
}

/** Creates the optimiser of a request returned by `normalizeOptimizationRequest`. */
export function createOptimizer(request: OptimizationRequest): Optimizer {
  const method: SearchMethod = createSearchMethod(request);
  const budget = Math.min(request.max_trials, method.capacity);
  let history: TrialResult[] = [];
  const pending = new Map<number, TrialSpec>();
  let exhausted = false;
  const numbers = new Set<number>();

  const used = (k: number): boolean => numbers.has(k);
  const finished = (): number => history.length;
  // A model-based method sees results only of trials at least `concurrency` numbers back, so a
  // proposal never depends on which of the trials in flight happened to finish first. Grid and
  // random search use only the earlier sets, whether finished or not.
  const lag = method.usesResults ? request.concurrency : Number.POSITIVE_INFINITY;

  /**
   * What trial `number` is proposed from: trials numbered below it, those at least `lag` back as
   * history (for a model-based method they must have finished: null while one still runs), the
   * rest as pending.
   */
  const contextFor = (number: number): SearchContext | null => {
    const known: TrialResult[] = [];
    const inFlight: { number: number; parameters: ParamSet }[] = [];
    for (const t of history) {
      if (t.number >= number) break;
      if (t.number <= number - lag) known.push(t);
      else inFlight.push(t);
    }
    for (const spec of pending.values()) {
      if (spec.number >= number) continue;
      if (method.usesResults && spec.number <= number - lag) return null;
      inFlight.push(spec);
    }
    inFlight.sort((a, b) => a.number - b.number);
    return { history: known, pending: inFlight.map((t) => t.parameters), nextNumber: number };
  };

  return {
    request,
    nextTrials(n) {
      const out: TrialSpec[] = [];
      const k = Math.min(Math.floor(n), request.concurrency - pending.size, budget - finished() - pending.size);
      while (out.length < k && !exhausted) {
        let next = 1;
        while (used(next)) next++;
        const context = contextFor(next);
        if (context === null) break;
        const proposal = method.propose(context, 1)[0];
        if (proposal === undefined) {
          exhausted = true;
          break;
        }
        const lineage = method.usesResults ? proposal.proposal : { ...proposal.proposal, history_size: next - 1 };
        const spec: TrialSpec = { number: next, parameters: proposal.parameters, proposal: lineage };
        pending.set(next, spec);
        numbers.add(next);
        out.push(spec);
      }
      return out;
    },
    recordTrial(result) {
      if (!pending.has(result.number)) throw new Error(`trial ${result.number} is not running`);
      pending.delete(result.number);
      const at = history.findIndex((t) => t.number > result.number);
      history = at < 0 ? [...history, result] : [...history.slice(0, at), result, ...history.slice(at)];
    },
    state() {
      return {
        total_trials: budget,
        completed: history.filter((t) => t.status === "completed").length,
        failed: history.filter((t) => t.status === "failed").length,
        running: pending.size,
        best_trial: bestTrial(history, request.direction),
        done: this.isDone(),
      };
    },
    isDone() {
      return pending.size === 0 && (finished() >= budget || exhausted);
    },
    restore(trials) {
      if (history.length > 0 || pending.size > 0) throw new Error("restore needs a fresh optimizer");
      if (new Set(trials.map((t) => t.number)).size !== trials.length) throw new Error("restored trials have duplicate numbers");
      history = [...trials].sort((a, b) => a.number - b.number);
      for (const t of trials) numbers.add(t.number);
    },
    trials() {
      return [...history];
    },
  };
}

/** The trial with the best objective for `direction` (ties: the lower number); null when none has one. */
export function bestTrial(trials: readonly TrialResult[], direction: "maximize" | "minimize"): TrialResult | null {
  let best: TrialResult | null = null;
  for (const t of trials) {
    if (t.objective === null) continue;
    if (best === null || (direction === "maximize" ? t.objective > best.objective! : t.objective < best.objective!)
      || (t.objective === best.objective && t.number < best.number)) best = t;
  }
  return best;
}
