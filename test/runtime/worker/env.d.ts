/** Types of `env` and `exports` (from `cloudflare:workers`) inside the workerd test suite. */
import type { WorkerEnv } from "../../../src/runtime/worker/worker-env.ts";

declare global {
  namespace Cloudflare {
    interface Env extends WorkerEnv {
      /** Set by the `workers` project in vitest.config.ts. */
      GLOWBACK_API_KEY: string;
    }
    interface GlobalProps {
      mainModule: typeof import("../../../src/runtime/worker.ts");
      durableNamespaces: "RunObject" | "RunIndexObject" | "DatasetStoreObject" | "RateLimiterObject" | "TrialObject" | "OptimizationObject" | "OptimizationIndexObject";
    }
  }
}
