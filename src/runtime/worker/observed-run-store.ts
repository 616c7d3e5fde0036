/**
 * A `RunStore` that tells its owner about every stored status change, so a run object can report
 * transitions to the run index without the portable `RunSession` knowing about indexes.
 */
import type { RunStore } from "../../runs/run-store.ts";
import type { RunStatusPatch } from "../../runs/run-types.ts";

/** Wraps `store`; `onPatch` runs after each successful append that carried a status patch. */
export function observedRunStore(store: RunStore, onPatch: (runId: string, patch: RunStatusPatch) => void): RunStore {
  return {
    ...store,
    async appendEvents(runId, drafts, patch) {
      const events = await store.appendEvents(runId, drafts, patch);
      if (patch !== undefined && Object.keys(patch).length > 0) onPatch(runId, patch);
      return events;
    },
  };
}
