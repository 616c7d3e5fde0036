/** Bindings and variables of the Worker (see wrangler.toml). */
import type { RunObject } from "./run-object.ts";

/** The Worker's `env`. Variables are strings; see `src/config.ts` for their meaning. */
export interface WorkerEnv {
  RUNS: DurableObjectNamespace<RunObject>;
  GLOWBACK_API_KEY?: string;
  [variable: string]: unknown;
}
