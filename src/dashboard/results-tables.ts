/** The completed run's metrics table and monthly-returns heat map. */
import { h } from "./dom.ts";
import { formatNumber } from "./format.ts";
import { metricDigits, metricUnit } from "./metric-units.ts";

/** Fills `table` with one row per metric: name, value, unit. */
export function renderMetrics(table: HTMLTableElement, metrics: Record<string, number | boolean | null>, currency: string): void {
  const rows = Object.entries(metrics).map(([key, value]) => {
    const shown = typeof value === "boolean" ? (value ? "yes" : "no") : formatNumber(value, metricDigits(key));
    return h("tr", { "data-metric": key },
      h("th", { scope: "row" }, key.replaceAll("_", " ")),
      h("td", { class: "num" }, shown),
      h("td", {}, metricUnit(key, currency)));
  });
  const head = h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Metric"), h("th", { scope: "col", class: "num" }, "Value"), h("th", { scope: "col" }, "Unit")));
  table.replaceChildren(head, h("tbody", {}, ...rows));
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function cell(value: number | null | undefined): HTMLTableCellElement {
  if (value === undefined) return h("td", {}, "");
  const classes = value === null ? "" : `${value >= 0 ? "pos" : "neg"}${Math.abs(value) >= 3 ? " strong" : ""}`;
  return h("td", { class: classes }, formatNumber(value, 1));
}

/** A year × month heat map of `returns` (`{month: "YYYY-MM", return_pct}`); colour classes carry the sign and size. */
export function renderMonthly(table: HTMLTableElement, returns: { month: string; return_pct: number | null }[]): void {
  const byYear = new Map<string, Map<number, number | null>>();
  for (const { month, return_pct } of returns) {
    const [year, mm] = month.split("-");
    if (!byYear.has(year)) byYear.set(year, new Map());
    byYear.get(year)!.set(Number(mm) - 1, return_pct);
  }
  const head = h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Year"), ...MONTHS.map((m) => h("th", { scope: "col", class: "num" }, m))));
  const rows = [...byYear].map(([year, months]) =>
    h("tr", {}, h("th", { scope: "row" }, year), ...MONTHS.map((_m, i) => cell(months.has(i) ? months.get(i) : undefined))));
  table.replaceChildren(head, h("tbody", {}, ...rows));
}
