/** Applying a `RunStatusPatch`: the one rule every store follows for status transitions. */
import type { RunStatus, RunStatusPatch } from "./run-types.ts";

const PATCHABLE = ["state", "progress", "started_at", "finished_at", "error"] as const;

/**
 * A new status with every field of `patch` that is present (not `undefined`) applied.
 * `run_id` and `created_at` never change, even if a caller smuggles them in.
 */
export function applyStatusPatch(status: RunStatus, patch: RunStatusPatch | undefined): RunStatus {
  const next: RunStatus = { ...status };
  if (!patch) return next;
  for (const key of PATCHABLE) {
    const value = patch[key];
    if (value !== undefined) (next as unknown as Record<string, unknown>)[key] = value;
  }
  return next;
}
