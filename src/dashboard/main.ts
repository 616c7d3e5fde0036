/**
 * The dashboard's entry (bundled by scripts/build-dashboard.mjs): the key form, the Backtests /
 * Optimizations tabs, and the views chosen by the URL hash — `#/` (new backtest + recent runs),
 * `#/runs/<id>` (one run), `#/optimizations` (new optimisation + recent ones) and
 * `#/optimizations/<id>` (one optimisation).
 */
import { readApiKey, writeApiKey } from "./api-key.ts";
import { setUpBacktestForm } from "./backtest-form.ts";
import { byId } from "./dom.ts";
import { clearNotice, showError, showNotice } from "./notice.ts";
import { refreshSearchSpace, setUpOptimizationForm } from "./optimization-form.ts";
import { openOptimization } from "./optimization-view.ts";
import { pollOptimizations, refreshOptimizations } from "./optimizations-list.ts";
import { openRun } from "./run-view.ts";
import { pollRuns, refreshRuns } from "./runs-list.ts";

const VIEWS = ["home-view", "run-view", "opt-home-view", "optimization-view"] as const;
type View = (typeof VIEWS)[number];

let current = new AbortController();

function showView(view: View): void {
  for (const id of VIEWS) byId(id).hidden = id !== view;
  const optimizations = view === "opt-home-view" || view === "optimization-view";
  byId(optimizations ? "tab-optimizations" : "tab-backtests").setAttribute("aria-current", "page");
  byId(optimizations ? "tab-backtests" : "tab-optimizations").removeAttribute("aria-current");
  // One backtest form serves both tabs: on Optimizations it is the base backtest.
  byId(view === "opt-home-view" ? "opt-base-slot" : "backtest-home-slot").append(byId("backtest-form"));
}

function route(): void {
  current.abort();
  current = new AbortController();
  const signal = current.signal;
  const hash = location.hash;
  const run = /^#\/runs\/([^/]+)$/.exec(hash);
  const optimization = /^#\/optimizations\/([^/]+)$/.exec(hash);
  if (run) {
    showView("run-view");
    openRun(decodeURIComponent(run[1]), signal).catch(showError);
  } else if (optimization) {
    showView("optimization-view");
    openOptimization(decodeURIComponent(optimization[1]), signal).catch(showError);
  } else if (hash === "#/optimizations") {
    showView("opt-home-view");
    refreshSearchSpace();
    pollOptimizations(signal);
  } else {
    showView("home-view");
    pollRuns(signal);
  }
}

async function loadForms(): Promise<void> {
  try {
    await setUpBacktestForm((run) => {
      location.hash = `#/runs/${encodeURIComponent(run.run_id)}`;
    });
    await setUpOptimizationForm((status) => {
      location.hash = `#/optimizations/${encodeURIComponent(status.optimization_id)}`;
    });
  } catch (error) {
    showError(error);
  }
}

function setUpKeyForm(): void {
  const input = byId<HTMLInputElement>("api-key");
  input.value = readApiKey();
  byId<HTMLFormElement>("key-form").onsubmit = async (event) => {
    event.preventDefault();
    writeApiKey(input.value);
    clearNotice();
    await loadForms();
    try {
      await refreshRuns();
      await refreshOptimizations();
      showNotice(readApiKey() === "" ? "No key set (works in development mode)." : "Key accepted.");
    } catch (error) {
      showError(error);
    }
    route();
  };
  byId("key-clear").onclick = () => {
    writeApiKey("");
    input.value = "";
    showNotice("Key forgotten.");
  };
}

function start(): void {
  setUpKeyForm();
  window.addEventListener("hashchange", route);
  void loadForms();
  route();
}

start();
