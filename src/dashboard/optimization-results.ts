/** A completed optimisation's results: the best trial, diagnostics, and "Run best as backtest". */
import { apiJson } from "./api.ts";
import { byId, h } from "./dom.ts";
import { formatNumber } from "./format.ts";
import { showError } from "./notice.ts";
import { formatParameters } from "./trials-table.ts";
import type { OptimizationResultView, ParameterStability, RunStatus, TrialResult } from "./types.ts";

function keyRow(key: string, label: string, value: string): HTMLTableRowElement {
  return h("tr", { "data-key": key }, h("th", { scope: "row" }, label), h("td", { class: "num" }, value));
}

function renderBest(best: TrialResult | null, metric: string): void {
  const body = byId<HTMLTableElement>("best-trial").tBodies[0];
  if (best === null) {
    body.replaceChildren(keyRow("none", "Best trial", "none (every trial failed)"));
    return;
  }
  const shown = [`validation_${metric}`, `full_${metric}`, "full_total_return", "full_max_drawdown", "full_sharpe_ratio", "validation_stddev"];
  const metricRows = [...new Set(shown)].filter((k) => k in best.metrics).map((k) => keyRow(k, k.replaceAll("_", " "), formatNumber(best.metrics[k], 4)));
  body.replaceChildren(
    keyRow("number", "Trial", String(best.number)),
    keyRow("parameters", "Parameters", formatParameters(best.parameters)),
    keyRow("objective", `Objective (${metric})`, formatNumber(best.objective, 4)),
    ...metricRows);
}

function cell(value: number | string | boolean | undefined, digits = 4): HTMLTableCellElement {
  if (value === undefined) return h("td", {}, "—");
  return h("td", { class: typeof value === "number" ? "num" : "" }, typeof value === "number" ? formatNumber(value, digits) : String(value));
}

function renderStability(rows: ParameterStability[]): void {
  const heads = ["Parameter", "Mean", "Std dev", "Min", "Max", "Rel. std dev", "Mode", "Mode share"];
  byId<HTMLTableElement>("stability").replaceChildren(
    h("thead", {}, h("tr", {}, ...heads.map((t) => h("th", { scope: "col" }, t)))),
    h("tbody", {}, ...rows.map((r) => h("tr", { "data-param": r.name },
      h("th", { scope: "row" }, r.name), cell(r.mean), cell(r.stddev), cell(r.min), cell(r.max), cell(r.relative_stddev), cell(r.mode), cell(r.mode_share, 2)))));
}

function renderSpread(spread: OptimizationResultView["diagnostics"]["objective_spread"]): void {
  const entries: [string, number | null][] = [["count", spread.count], ["min", spread.min], ["max", spread.max], ["mean", spread.mean], ["median", spread.median], ["stddev", spread.stddev]];
  byId<HTMLTableElement>("spread").replaceChildren(h("tbody", {}, ...entries.map(([k, v]) => keyRow(k, k, formatNumber(v, k === "count" ? 0 : 4)))));
}

/** Hides the results of a previously shown optimisation. */
export function clearOptimizationResults(): void {
  byId("opt-results").hidden = true;
}

/** Loads and shows the result of optimisation `id`; "Run best" opens the replayed run via `openRun`. */
export async function showOptimizationResults(id: string, openRun: (runId: string) => void): Promise<TrialResult | null> {
  const result = await apiJson<OptimizationResultView>(`/v1/optimizations/${encodeURIComponent(id)}/results`);
  renderBest(result.best_trial, result.objective_metric);
  renderStability(result.diagnostics.parameter_stability);
  renderSpread(result.diagnostics.objective_spread);
  const button = byId<HTMLButtonElement>("run-best");
  button.hidden = result.replay_backtest === null;
  button.onclick = async () => {
    button.disabled = true;
    try {
      openRun((await apiJson<RunStatus>("/v1/backtests", "POST", result.replay_backtest)).run_id);
    } catch (error) {
      showError(error);
    } finally {
      button.disabled = false;
    }
  };
  byId("opt-results").hidden = false;
  return result.best_trial;
}
