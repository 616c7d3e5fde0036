/** Starts one trial worker thread on the current host. */
import { Worker } from "node:worker_threads";
import type { TrialThreadOptions } from "./protocol.ts";

/**
 * A new thread running `trial-worker.ts`: on Deno, which loads TypeScript natively, directly; on
 * Node through the `.mjs` bootstrap that loads it with tsx.
 */
export function spawnTrialWorker(options: TrialThreadOptions): Worker {
  const entry = "Deno" in globalThis ? "./trial-worker.ts" : "./trial-worker-bootstrap.mjs";
  return new Worker(new URL(entry, import.meta.url), { workerData: options });
}
