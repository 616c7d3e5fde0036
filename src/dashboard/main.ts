/**
 * The dashboard's entry (bundled by scripts/build-dashboard.mjs): the key form, and two views
 * chosen by the URL hash — `#/` (new backtest + recent runs) and `#/runs/<id>` (one run).
 */
import { readApiKey, writeApiKey } from "./api-key.ts";
import { setUpBacktestForm } from "./backtest-form.ts";
import { byId } from "./dom.ts";
import { clearNotice, showError, showNotice } from "./notice.ts";
import { openRun } from "./run-view.ts";
import { pollRuns, refreshRuns } from "./runs-list.ts";

let current = new AbortController();

function route(): void {
  current.abort();
  current = new AbortController();
  const match = /^#\/runs\/([^/]+)$/.exec(location.hash);
  byId("home-view").hidden = match !== null;
  byId("run-view").hidden = match === null;
  if (match) openRun(decodeURIComponent(match[1]), current.signal).catch(showError);
  else pollRuns(current.signal);
}

async function loadForm(): Promise<void> {
  try {
    await setUpBacktestForm((run) => {
      location.hash = `#/runs/${encodeURIComponent(run.run_id)}`;
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
    await loadForm();
    try {
      await refreshRuns();
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
  void loadForm();
  route();
}

start();
