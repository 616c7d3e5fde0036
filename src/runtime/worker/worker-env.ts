/** Bindings and variables of the Worker (see wrangler.toml). */
import type { DatasetStoreObject } from "./dataset-store-object.ts";
import type { RateLimiterObject } from "./rate-limiter-object.ts";
import type { RunIndexObject } from "./run-index-object.ts";
import type { RunObject } from "./run-object.ts";

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
  GLOWBACK_API_KEY?: string;
  [variable: string]: unknown;
}
