/** Resolves the `GLOWBACK_TRIAL_WORKERS` setting to a thread count. */
import { availableParallelism } from "node:os";

/**
 * `auto` → one thread per available core (`os.availableParallelism()`, at least 1); a number is
 * taken as is, where 0 means "run trials in the server's own thread" (no pool).
 */
export function resolveTrialWorkers(setting: number | "auto"): number {
  return setting === "auto" ? Math.max(1, availableParallelism()) : setting;
}
