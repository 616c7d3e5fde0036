/** A ready-made driver: runs an optimisation to the end with up to `concurrency` trials in flight. */
import { buildOptimizationResult } from "./build-result.ts";
import { createOptimizer } from "./optimizer.ts";
import { runTrial } from "./run-trial.ts";
import type { TrialDeps } from "./run-trial.ts";
import type { OptimizationRequest, OptimizationResult, OptimizerState, TrialResult, TrialSpec } from "./types.ts";

/** An event of a running optimisation: one finished trial and the state after recording it. */
export interface TrialOptimizationEvent {
  type: "trial";
  trial: TrialResult;
  state: OptimizerState;
}

/** What `streamOptimization` needs: either trial deps (real backtests) or an `evaluate` function. */
export interface OptimizationDeps {
  /** Used by the default evaluator, `runTrial`. */
  trial?: Omit<TrialDeps, "request">;
  /** Replaces `runTrial` (a worker pool, a Durable Object, or a synthetic objective in tests). */
  evaluate?: (spec: TrialSpec) => Promise<TrialResult>;
  /** Trials stored by an earlier, interrupted execution; they are not re-run. */
  restore?: readonly TrialResult[];
  /** Checked between trials: once aborted no new trial starts and the generator throws its reason. */
  signal?: AbortSignal;
}

/**
 * Runs `request` to completion, yielding an event per finished trial; returns the result. With
 * `concurrency` 1 (or a deterministic evaluator) the trials are a pure function of the request.
 */
export async function* streamOptimization(request: OptimizationRequest, deps: OptimizationDeps): AsyncGenerator<TrialOptimizationEvent, OptimizationResult, void> {
  const optimizer = createOptimizer(request);
  if (deps.restore) optimizer.restore(deps.restore);
  const evaluate = deps.evaluate ?? ((spec: TrialSpec) => {
    if (!deps.trial) throw new Error("streamOptimization needs deps.trial or deps.evaluate");
    return runTrial(spec, { ...deps.trial, request });
  });
  const inFlight = new Map<number, Promise<TrialResult>>();
  for (;;) {
    if (!deps.signal?.aborted) {
      for (const spec of optimizer.nextTrials(request.concurrency)) inFlight.set(spec.number, evaluate(spec));
    }
    if (inFlight.size === 0) break;
    const done = await Promise.race([...inFlight.values()]);
    inFlight.delete(done.number);
    optimizer.recordTrial(done);
    yield { type: "trial", trial: done, state: optimizer.state() };
  }
  if (deps.signal?.aborted) throw deps.signal.reason;
  return buildOptimizationResult(request, optimizer.trials());
}
