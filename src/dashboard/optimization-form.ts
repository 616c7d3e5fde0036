/**
 * The create-an-optimisation form: search settings, the search space of the base strategy, and the
 * base backtest read from the New backtest form. A 422's issues go beside the fields they name:
 * `base_backtest.*` on the backtest form, `search_space.parameters.<i>.*` on that parameter's row.
 */
import { ApiCallError, apiJson } from "./api.ts";
import type { FieldIssue } from "./api.ts";
import { readBacktestRequest } from "./backtest-form.ts";
import { byId } from "./dom.ts";
import { clearFieldErrors, showFieldErrors } from "./field-errors.ts";
import { clearNotice, showError } from "./notice.ts";
import { readSearchSpace, renderSearchSpace, searchSpaceLoc } from "./search-space.ts";
import type { OptimizationStatus, StrategyInfo } from "./types.ts";

const NUMBER_FIELDS = ["max_trials", "concurrency", "validation_fraction", "walk_forward_windows", "random_seed"];
const TEXT_FIELDS = ["name", "strategy", "objective_metric", "direction", "validation_mode"];

function field(form: HTMLFormElement, name: string): string {
  return (form.elements.namedItem(name) as HTMLInputElement).value.trim();
}

function readRequest(form: HTMLFormElement, base: HTMLFormElement): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const name of TEXT_FIELDS) body[name] = field(form, name);
  for (const name of NUMBER_FIELDS) {
    const text = field(form, name);
    if (text !== "") body[name] = Number.isFinite(Number(text)) ? Number(text) : text;
  }
  body.search_space = { parameters: readSearchSpace(byId("search-space")) };
  body.base_backtest = readBacktestRequest(base);
  return body;
}

function showIssues(form: HTMLFormElement, base: HTMLFormElement, issues: FieldIssue[], sent: { name?: unknown }[]): void {
  const onBase: FieldIssue[] = [];
  const onForm: FieldIssue[] = [];
  for (const issue of issues) {
    const path = issue.loc[0] === "body" ? issue.loc.slice(1) : issue.loc;
    if (path[0] === "base_backtest" && path.length > 1) onBase.push({ ...issue, loc: ["body", ...path.slice(1)] });
    else onForm.push({ ...issue, loc: searchSpaceLoc(issue.loc, sent) });
  }
  showFieldErrors(base, onBase);
  showFieldErrors(form, onForm);
}

/** Keeps the search-space rows in step with the base strategy chosen in the backtest form. */
function syncSearchSpace(strategies: StrategyInfo[]): void {
  const chosen = byId<HTMLSelectElement>("f-strategy").value;
  const container = byId("search-space");
  const info = strategies.find((s) => s.name === chosen) ?? strategies.find((s) => s.name === "ma_crossover") ?? strategies[0];
  if (info && container.dataset.strategy !== info.name) renderSearchSpace(container, info);
}

let strategiesLoaded: StrategyInfo[] = [];

/** Re-renders the search space if the base strategy changed while the form was not in view. */
export function refreshSearchSpace(): void {
  if (strategiesLoaded.length > 0) syncSearchSpace(strategiesLoaded);
}

/** Loads the strategies and handles submission; `onCreated` gets the new optimisation. */
export async function setUpOptimizationForm(onCreated: (status: OptimizationStatus) => void): Promise<void> {
  const form = byId<HTMLFormElement>("optimization-form");
  const base = byId<HTMLFormElement>("backtest-form");
  strategiesLoaded = await apiJson<StrategyInfo[]>("/v1/strategies");
  byId("search-space").dataset.strategy = "";
  syncSearchSpace(strategiesLoaded);
  byId("f-strategy").addEventListener("change", refreshSearchSpace);
  form.onsubmit = async (event) => {
    event.preventDefault();
    clearFieldErrors(form);
    clearFieldErrors(base);
    const button = byId<HTMLButtonElement>("create-optimization");
    button.disabled = true;
    const body = readRequest(form, base);
    try {
      const status = await apiJson<OptimizationStatus>("/v1/optimizations", "POST", body);
      clearNotice();
      onCreated(status);
    } catch (error) {
      const sent = (body.search_space as { parameters: { name?: unknown }[] }).parameters;
      if (error instanceof ApiCallError && error.issues.length > 0) showIssues(form, base, error.issues, sent);
      showError(error);
    } finally {
      button.disabled = false;
    }
  };
}
