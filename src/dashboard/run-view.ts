/** A run's page: state, live progress, live chart, cancel while running, results when complete. */
import { readApiKey } from "./api-key.ts";
import { apiJson } from "./api.ts";
import { byId } from "./dom.ts";
import { followRun } from "./live-events.ts";
import { LiveChart, dashboardDebug } from "./live-chart.ts";
import { showError, showNotice } from "./notice.ts";
import { clearResults, showResults } from "./results-view.ts";
import type { RunEvent, RunStatus } from "./types.ts";

function showState(state: string): void {
  const el = byId("run-state");
  el.textContent = state;
  el.className = `state state-${state}`;
  byId("run-cancel").hidden = state !== "queued" && state !== "running";
}

function showProgress(progress: number): void {
  byId<HTMLProgressElement>("run-progress").value = progress;
  byId("run-progress-text").textContent = `${Math.round(progress * 100)} %`;
}

/** Opens run `runId`; aborting `signal` (leaving the page) stops its stream. */
export async function openRun(runId: string, signal: AbortSignal): Promise<void> {
  byId("run-title").textContent = `Run ${runId}`;
  clearResults();
  showProgress(0);
  const status = await apiJson<RunStatus>(`/v1/backtests/${encodeURIComponent(runId)}`);
  showState(status.state);
  showProgress(status.progress);
  const chart = new LiveChart(byId("live-chart"));
  signal.addEventListener("abort", () => chart.destroy(), { once: true });
  const cancel = byId<HTMLButtonElement>("run-cancel");
  cancel.onclick = async () => {
    cancel.disabled = true;
    try {
      showState((await apiJson<RunStatus>(`/v1/backtests/${encodeURIComponent(runId)}/cancel`, "POST")).state);
    } catch (error) {
      showError(error);
    } finally {
      cancel.disabled = false;
    }
  };
  const onEvent = (event: RunEvent) => {
    if (event.type === "progress") showProgress(Number(event.payload.progress));
    else if (event.type === "metric") chart.add(event.payload);
    else if (event.type === "state") {
      const state = String(event.payload.state);
      showState(state);
      if (state === "completed") showResults(runId).catch(showError);
      if (state === "failed") showNotice(`The run failed: ${String(event.payload.error ?? "unknown error")}`, true);
    }
  };
  followRun(runId, readApiKey(), {
    onEvent,
    onOpen: () => {
      dashboardDebug().connections += 1;
    },
    onFailure: (message) => showNotice(message, true),
  }, signal);
}
