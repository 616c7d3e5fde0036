/**
 * A `TrialEvaluator` that runs each trial's backtests on the host's own event loop, handing it back
 * between engine slices (`yieldControl`), so the host stays responsive while trials run.
 */
import { runTrial } from "../../engine/index.ts";
import type { CreateHasher, MarketDataProvider, OptimizationRequest, TrialResult } from "../../engine/index.ts";
import type { SessionClock } from "../run-session.ts";
import type { TrialEvaluator, TrialJob } from "./trial-evaluator.ts";

/** What the in-process evaluator needs from its host. */
export interface InProcessTrialEvaluatorDeps {
  /** The market data of an optimisation's base backtest. */
  providerFor(request: OptimizationRequest): MarketDataProvider;
  /** Monotonic time for durations and slices, the host's yield, and its slice length (default: the engine's). */
  clock: Pick<SessionClock, "monotonic" | "yieldControl" | "sliceMs">;
  createHasher?: CreateHasher;
}

/** Runs trials in-process with `runTrial`; any number at once, interleaved slice by slice. */
export class InProcessTrialEvaluator implements TrialEvaluator {
  constructor(private readonly deps: InProcessTrialEvaluatorDeps) {}

  evaluate(job: TrialJob, signal: AbortSignal): Promise<TrialResult> {
    if (signal.aborted) return Promise.reject(signal.reason);
    const { clock, createHasher } = this.deps;
    return new Promise<TrialResult>((resolve, reject) => {
      // Rejects at once on abort; the engine stops at its next slice and that outcome is dropped.
      const onAbort = () => reject(signal.reason);
      signal.addEventListener("abort", onAbort, { once: true });
      const run = async () => {
        await clock.yieldControl();
        return runTrial(job.spec, {
          request: job.request, provider: this.deps.providerFor(job.request), now: clock.monotonic, signal,
          yieldControl: clock.yieldControl, sliceMs: clock.sliceMs, createHasher, runIdPrefix: `${job.optimizationId}-trial`,
        });
      };
      run().then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
    });
  }
}
