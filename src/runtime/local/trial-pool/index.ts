/** The worker-thread trial pool of the local hosts (Node, Deno). */
export { createTrialWorkerPool } from "./trial-worker-pool.ts";
export type { TrialPoolEvent, TrialWorkerPool, TrialWorkerPoolOptions } from "./trial-worker-pool.ts";
export { resolveTrialWorkers } from "./resolve-trial-workers.ts";
export { TEST_HOOK_PREFIX } from "./protocol.ts";
