/**
 * How an optimisation's trials are executed. The session decides which trials run (the
 * optimiser); an evaluator runs one: in-process (cooperatively, between other work), in a worker
 * pool (Node, Deno) or in a trial Durable Object (Workers).
 */
import type { OptimizationRequest, TrialResult, TrialSpec } from "../../engine/optimize/types.ts";

/** One trial to evaluate. */
export interface TrialJob {
  /** The optimisation it belongs to (for data caching and logs). */
  optimizationId: string;
  request: OptimizationRequest;
  spec: TrialSpec;
}

/** Runs trials. Implementations may run several at once and queue the rest. */
export interface TrialEvaluator {
  /**
   * The finished trial (a trial that breaks a strategy rule is a `failed` result, not a
   * rejection). Rejects with `signal.reason` once `signal` is aborted; the trial's work is
   * stopped or abandoned, never recorded.
   */
  evaluate(job: TrialJob, signal: AbortSignal): Promise<TrialResult>;
  /** Releases threads or connections. */
  close?(): Promise<void>;
}
