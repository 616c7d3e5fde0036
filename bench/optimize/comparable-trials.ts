/** The part of a set of trials that must not depend on where or how concurrently they ran. */
import type { TrialResult } from "../../src/engine/index.ts";

/** JSON with object keys sorted at every level, so key order (e.g. after a JSON round trip) does not matter. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== "object" || Array.isArray(v)) return v;
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  });
}

/**
 * Number, parameters, status, objective, metrics and error of every trial in number order, as one
 * string; `duration_ms` and proposal lineage are left out (lineage depends on concurrency).
 */
export function comparableTrials(trials: readonly TrialResult[]): string {
  const sorted = [...trials].sort((a, b) => a.number - b.number);
  return canonical(sorted.map(({ number, parameters, status, objective, metrics, error }) => ({ number, parameters, status, objective, metrics, error })));
}
