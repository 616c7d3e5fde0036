/** The paged trades table: pages the bounded result holds come from it, later ones from the API. */
import { byId, h } from "./dom.ts";
import { formatNumber, formatTime } from "./format.ts";
import { showError } from "./notice.ts";
import { sectionPage } from "./section-pages.ts";
import type { BoundedResult } from "./types.ts";

/** Rows per page. */
export const TRADES_PAGE_SIZE = 25;

function value(key: string, v: unknown): string {
  if (typeof v === "number") return formatNumber(v, Number.isInteger(v) ? 0 : 4);
  if (key === "timestamp" && typeof v === "string") return formatTime(v);
  return v === null || v === undefined ? "—" : String(v);
}

/** Shows the trades of `result`, with previous/next buttons. */
export function showTrades(result: BoundedResult): void {
  const table = byId<HTMLTableElement>("trades");
  const info = result.sections.trades ?? { total: result.trades.length, included: result.trades.length };
  const total = info.total;
  let offset = 0;
  const render = (items: Record<string, unknown>[]) => {
    const keys = Object.keys(items[0] ?? result.trades[0] ?? {});
    table.tHead!.replaceChildren(h("tr", {}, ...keys.map((k) => h("th", { scope: "col" }, k.replaceAll("_", " ")))));
    table.tBodies[0].replaceChildren(...items.map((t) => h("tr", {}, ...keys.map((k) => h("td", { class: typeof t[k] === "number" ? "num" : "" }, value(k, t[k]))))));
    const last = Math.min(offset + TRADES_PAGE_SIZE, total);
    byId("trades-page").textContent = total === 0 ? "No trades" : `Trades ${offset + 1}–${last} of ${total}`;
    byId<HTMLButtonElement>("trades-prev").disabled = offset === 0;
    byId<HTMLButtonElement>("trades-next").disabled = last >= total;
  };
  const load = async () => {
    try {
      if (offset + TRADES_PAGE_SIZE <= info.included || info.included >= total) {
        render(result.trades.slice(offset, offset + TRADES_PAGE_SIZE));
      } else {
        render((await sectionPage<Record<string, unknown>>(result.run_id, "trades", offset, TRADES_PAGE_SIZE)).items);
      }
    } catch (error) {
      showError(error);
    }
  };
  byId("trades-prev").onclick = () => {
    offset = Math.max(0, offset - TRADES_PAGE_SIZE);
    void load();
  };
  byId("trades-next").onclick = () => {
    offset += TRADES_PAGE_SIZE;
    void load();
  };
  void load();
}
