/** The create-a-backtest form: strategy fields from `GET /v1/strategies`, submit, 422s beside fields. */
import { ApiCallError, apiJson } from "./api.ts";
import { byId } from "./dom.ts";
import { clearFieldErrors, showFieldErrors } from "./field-errors.ts";
import { clearNotice, showError } from "./notice.ts";
import { readStrategyParams, renderStrategyFields } from "./strategy-fields.ts";
import type { RunStatus, StrategyInfo } from "./types.ts";

const EXECUTION_FIELDS = ["slippage_bps", "commission_bps", "commission_per_share", "minimum_commission"];

function value(form: HTMLFormElement, name: string): string {
  return (form.elements.namedItem(name) as HTMLInputElement).value.trim();
}

function numberOrText(text: string): number | string {
  return text !== "" && Number.isFinite(Number(text)) ? Number(text) : text;
}

/** The backtest request body `form` (the New backtest form) describes; also an optimisation's base backtest. */
export function readBacktestRequest(form: HTMLFormElement): Record<string, unknown> {
  const execution: Record<string, unknown> = {};
  for (const name of EXECUTION_FIELDS) if (value(form, name) !== "") execution[name] = numberOrText(value(form, name));
  const benchmark = value(form, "benchmark_symbol");
  return {
    symbols: value(form, "symbols").split(/[\s,]+/).filter(Boolean),
    start_date: value(form, "start_date"),
    end_date: value(form, "end_date"),
    resolution: value(form, "resolution"),
    data_source: value(form, "data_source"),
    initial_capital: numberOrText(value(form, "initial_capital")),
    benchmark_symbol: benchmark === "" ? null : benchmark,
    strategy: { name: value(form, "strategy"), params: readStrategyParams(byId("strategy-params")) },
    execution,
  };
}

/** Loads the strategies into the form and handles submission; `onCreated` gets the new run. */
export async function setUpBacktestForm(onCreated: (run: RunStatus) => void): Promise<void> {
  const form = byId<HTMLFormElement>("backtest-form");
  const select = byId<HTMLSelectElement>("f-strategy");
  const strategies = await apiJson<StrategyInfo[]>("/v1/strategies");
  const show = () => {
    const info = strategies.find((s) => s.name === select.value) ?? strategies[0];
    byId("strategy-description").textContent = info.description;
    renderStrategyFields(byId("strategy-params"), info);
  };
  const preferred = strategies.some((s) => s.name === "ma_crossover") ? "ma_crossover" : strategies[0]?.name;
  select.replaceChildren(...strategies.map((s) => new Option(s.name, s.name, false, s.name === preferred)));
  select.onchange = show;
  show();
  form.onsubmit = async (event) => {
    event.preventDefault();
    // On the Optimizations tab this form is the base backtest: Enter in it must not start a run.
    if (form.closest("#opt-base-slot")) return;
    clearFieldErrors(form);
    const button = byId<HTMLButtonElement>("create-run");
    button.disabled = true;
    try {
      const run = await apiJson<RunStatus>("/v1/backtests", "POST", readBacktestRequest(form));
      clearNotice();
      onCreated(run);
    } catch (error) {
      if (error instanceof ApiCallError && error.issues.length > 0) showFieldErrors(form, error.issues);
      showError(error);
    } finally {
      button.disabled = false;
    }
  };
}
