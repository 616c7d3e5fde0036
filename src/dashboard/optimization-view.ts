/**
 * An optimisation's page: state, live counts, objective chart and trials table over its stream,
 * cancel and resume, and the results once completed. The stream ends when the server closes it
 * at a terminal state; after a resume the page follows it again from the last event it saw.
 */
import { readApiKey } from "./api-key.ts";
import { apiJson } from "./api.ts";
import { byId } from "./dom.ts";
import { followStream } from "./live-events.ts";
import type { LiveEvent } from "./live-events.ts";
import { showError, showNotice } from "./notice.ts";
import { clearOptimizationResults, showOptimizationResults } from "./optimization-results.ts";
import { TrialChart } from "./trial-chart.ts";
import { TrialsTable } from "./trials-table.ts";
import type { OptimizationStatus, TrialResult } from "./types.ts";

const TERMINAL = new Set(["completed", "failed", "cancelled"]);

/** Counters the browser test reads (`window.__glowbackOptimization`). */
export interface OptimizationDebug {
  /** Stream connections opened for the current optimisation (a reconnect or a resume opens another). */
  connections: number;
  /** `trial` events received. */
  trialsReceived: number;
}

function debug(): OptimizationDebug {
  const w = window as unknown as { __glowbackOptimization?: OptimizationDebug };
  w.__glowbackOptimization ??= { connections: 0, trialsReceived: 0 };
  return w.__glowbackOptimization;
}

type Counts = Pick<OptimizationStatus, "progress" | "total_trials" | "completed_trials" | "failed_trials" | "running_trials">;

function showCounts(counts: Counts): void {
  byId<HTMLProgressElement>("opt-progress").value = counts.progress;
  byId("opt-progress-text").textContent = `${Math.round(counts.progress * 100)} %`;
  byId("opt-completed").textContent = String(counts.completed_trials);
  byId("opt-failed").textContent = String(counts.failed_trials);
  byId("opt-running").textContent = String(counts.running_trials);
  byId("opt-total").textContent = String(counts.total_trials);
}

function showState(state: string): void {
  const el = byId("opt-state");
  el.textContent = state;
  el.className = `state state-${state}`;
  byId("opt-cancel").hidden = state !== "queued" && state !== "running";
  byId("opt-resume").hidden = state !== "cancelled" && state !== "failed";
}

function wireButton(id: string, action: () => Promise<void>): void {
  const button = byId<HTMLButtonElement>(id);
  button.onclick = async () => {
    button.disabled = true;
    try {
      await action();
    } catch (error) {
      showError(error);
    } finally {
      button.disabled = false;
    }
  };
}

/** Opens optimisation `id`; aborting `signal` (leaving the page) stops its stream. */
export async function openOptimization(id: string, signal: AbortSignal): Promise<void> {
  const path = `/v1/optimizations/${encodeURIComponent(id)}`;
  clearOptimizationResults();
  const status = await apiJson<OptimizationStatus>(path);
  if (signal.aborted) return;
  byId("opt-title").textContent = `Optimization ${status.name}`;
  Object.assign(debug(), { connections: 0, trialsReceived: 0 });
  let state = status.state;
  let lastEventId = 0;
  let streaming = false;
  showState(state);
  showCounts(status);
  const table = new TrialsTable(byId<HTMLTableElement>("trials").tBodies[0], status.direction);
  const chart = new TrialChart(byId("trial-chart"), status.direction);
  signal.addEventListener("abort", () => {
    table.destroy();
    chart.destroy();
  }, { once: true });
  const setState = (next: string, error?: unknown) => {
    state = next as OptimizationStatus["state"];
    showState(next);
    if (next === "completed") {
      showOptimizationResults(id, (runId) => {
        location.hash = `#/runs/${encodeURIComponent(runId)}`;
      }).then((best) => table.setBest(best?.number ?? null), showError);
    } else {
      clearOptimizationResults();
    }
    if (next === "failed") showNotice(`The optimization failed: ${String(error ?? "unknown error")}`, true);
  };
  const onEvent = (event: LiveEvent) => {
    lastEventId = event.event_id;
    const payload = event.payload;
    if (event.type === "trial") {
      debug().trialsReceived += 1;
      table.add(payload.trial as TrialResult);
      chart.add(payload.trial as TrialResult);
    } else if (event.type === "best") table.setBest((payload.best_trial as TrialResult).number);
    else if (event.type === "progress") showCounts(payload as unknown as Counts);
    else if (event.type === "state") setState(String(payload.state), payload.error);
  };
  const follow = () => {
    if (streaming || signal.aborted) return;
    streaming = true;
    followStream({ kind: "optimizations", id }, readApiKey(), {
      onEvent,
      onOpen: () => {
        debug().connections += 1;
      },
      onFailure: (message) => {
        streaming = false;
        showNotice(message, true);
      },
      onEnd: () => {
        streaming = false;
        // A resume answered while the old stream was closing: follow the continued log.
        if (!TERMINAL.has(state)) follow();
      },
    }, signal, lastEventId);
  };
  wireButton("opt-cancel", async () => {
    setState((await apiJson<OptimizationStatus>(`${path}/cancel`, "POST")).state);
  });
  wireButton("opt-resume", async () => {
    const resumed = await apiJson<OptimizationStatus>(`${path}/resume`, "POST");
    setState(resumed.state);
    showCounts(resumed);
    follow();
  });
  follow();
}
