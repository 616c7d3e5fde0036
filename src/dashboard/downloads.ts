/** The download buttons: the results JSON, CSVs of the full equity curve and trades, the replay manifest. */
import { byId } from "./dom.ts";
import { showError } from "./notice.ts";
import { toCsv, saveFile } from "./csv.ts";
import { wholeSection } from "./section-pages.ts";
import type { BoundedResult } from "./types.ts";

const JSON_TYPE = "application/json";
const CSV_TYPE = "text/csv";

async function download(kind: string, result: BoundedResult): Promise<void> {
  const id = result.run_id;
  if (kind === "results") saveFile(`glowback-${id}-results.json`, JSON.stringify(result, null, 2), JSON_TYPE);
  else if (kind === "manifest") saveFile(`glowback-${id}-manifest.json`, JSON.stringify(result.manifest, null, 2), JSON_TYPE);
  else if (kind === "equity") saveFile(`glowback-${id}-equity.csv`, toCsv(await wholeSection(id, "equity_curve")), CSV_TYPE);
  else if (kind === "trades") saveFile(`glowback-${id}-trades.csv`, toCsv(await wholeSection(id, "trades")), CSV_TYPE);
}

/** Wires the buttons of `#downloads` to `result`. */
export function wireDownloads(result: BoundedResult): void {
  for (const button of byId("downloads").querySelectorAll<HTMLButtonElement>("button[data-download]")) {
    button.onclick = () => download(button.dataset.download ?? "", result).catch(showError);
  }
}
