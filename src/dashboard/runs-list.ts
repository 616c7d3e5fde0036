/** The recent-runs table, refreshed every few seconds while the list is visible. */
import { apiJson } from "./api.ts";
import { byId, h } from "./dom.ts";
import { formatTime } from "./format.ts";
import { poll } from "./poll.ts";
import type { RunStatus } from "./types.ts";

function row(run: RunStatus): HTMLTableRowElement {
  const link = h("a", { href: `#/runs/${encodeURIComponent(run.run_id)}` }, run.run_id.slice(0, 8));
  return h("tr", { "data-run-id": run.run_id },
    h("td", {}, link),
    h("td", { class: `state state-${run.state}` }, run.state),
    h("td", { class: "num" }, `${Math.round(run.progress * 100)} %`),
    h("td", {}, formatTime(run.created_at)));
}

/** Loads the list once. */
export async function refreshRuns(): Promise<void> {
  const runs = await apiJson<RunStatus[]>("/v1/backtests?limit=20");
  byId("runs-body").replaceChildren(...runs.map(row));
}

/** Polls the list until `signal` aborts. */
export function pollRuns(signal: AbortSignal): void {
  poll(refreshRuns, signal);
}
