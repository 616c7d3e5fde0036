/** The recent-optimisations table, refreshed every few seconds while the list is visible. */
import { apiJson } from "./api.ts";
import { byId, h } from "./dom.ts";
import { formatTime } from "./format.ts";
import { poll } from "./poll.ts";
import type { OptimizationStatus } from "./types.ts";

function row(status: OptimizationStatus): HTMLTableRowElement {
  const link = h("a", { href: `#/optimizations/${encodeURIComponent(status.optimization_id)}` }, status.name);
  const finished = status.completed_trials + status.failed_trials;
  return h("tr", { "data-optimization-id": status.optimization_id },
    h("td", {}, link),
    h("td", { class: `state state-${status.state}` }, status.state),
    h("td", { class: "num" }, `${finished} / ${status.total_trials}`),
    h("td", {}, formatTime(status.created_at)));
}

/** Loads the list once. */
export async function refreshOptimizations(): Promise<void> {
  const list = await apiJson<OptimizationStatus[]>("/v1/optimizations?limit=20");
  byId("optimizations-body").replaceChildren(...list.map(row));
}

/** Polls the list until `signal` aborts. */
export function pollOptimizations(signal: AbortSignal): void {
  poll(refreshOptimizations, signal);
}
