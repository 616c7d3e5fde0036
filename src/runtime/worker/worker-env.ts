/** Bindings and variables of the Worker (see wrangler.toml). */
import type { DatasetStoreObject } from "./dataset-store-object.ts";
import type { OptimizationIndexObject } from "./optimization-index-object.ts";
import type { OptimizationObject } from "./optimization-object.ts";
import type { RateLimiterObject } from "./rate-limiter-object.ts";
import type { RunIndexObject } from "./run-index-object.ts";
import type { RunObject } from "./run-object.ts";
import type { TrialObject } from "./trial-object.ts";

/** The Worker's `env`. Variables are strings; see `src/config.ts` for their meaning. */
export interface WorkerEnv {
  /** One object per run, named by run id. */
  RUNS: DurableObjectNamespace<RunObject>;
  /** The run index (one instance, see `run-index-object.ts`). */
  RUN_INDEX: DurableObjectNamespace<RunIndexObject>;
  /** Uploaded datasets (one instance, see `dataset-store-object.ts`). */
  DATASETS: DurableObjectNamespace<DatasetStoreObject>;
  /** Rate-limit buckets, one object per bucket key (see `rate-limiter-object.ts`). */
  RATE_LIMITER: DurableObjectNamespace<RateLimiterObject>;
  /** One object per optimisation, named by its id. */
  OPTIMIZATIONS: DurableObjectNamespace<OptimizationObject>;
  /** The optimisation index (one instance, see `optimization-index-object.ts`). */
  OPTIMIZATION_INDEX: DurableObjectNamespace<OptimizationIndexObject>;
  /** Optimisation trials, named `<optimization_id>/<slot>` (see `durable-object-trial-evaluator.ts`). */
  TRIALS: DurableObjectNamespace<TrialObject>;
  GLOWBACK_API_KEY?: string;
  [variable: string]: unknown;
}
