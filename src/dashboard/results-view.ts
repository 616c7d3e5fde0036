/** A completed run's results: metrics, equity vs benchmark, drawdown, monthly heat map, trades, downloads. */
import uPlot from "uplot";
import { apiJson } from "./api.ts";
import { createChart } from "./charts.ts";
import { byId } from "./dom.ts";
import { wireDownloads } from "./downloads.ts";
import { toSeconds } from "./format.ts";
import { renderMetrics, renderMonthly } from "./results-tables.ts";
import { showTrades } from "./trades-table.ts";
import type { BoundedResult } from "./types.ts";

let charts: uPlot[] = [];

/** Equity and benchmark on one x axis: both curves are downsampled separately, so their timestamps differ. */
function equityWithBenchmark(result: BoundedResult): uPlot.AlignedData {
  const equity: uPlot.AlignedData = [result.equity_curve.map((p) => toSeconds(p.timestamp)), result.equity_curve.map((p) => p.value)];
  if (!result.benchmark_symbol || result.benchmark_curve.length === 0) return equity;
  const benchmark: uPlot.AlignedData = [result.benchmark_curve.map((p) => toSeconds(p.timestamp)), result.benchmark_curve.map((p) => p.value)];
  return uPlot.join([equity, benchmark]);
}

/** Removes the charts of a previously shown result. */
export function clearResults(): void {
  for (const chart of charts) chart.destroy();
  charts = [];
  byId("results").hidden = true;
}

/** Loads and shows the result of run `runId`. */
export async function showResults(runId: string): Promise<void> {
  const result = await apiJson<BoundedResult>(`/v1/backtests/${encodeURIComponent(runId)}/results`);
  clearResults();
  byId("results").hidden = false;
  renderMetrics(byId<HTMLTableElement>("metrics"), result.metrics_summary, result.currency);
  const xs = result.equity_curve.map((p) => toSeconds(p.timestamp));
  const equityLines = [{ label: `Equity (${result.currency})`, stroke: "#0b63c5" }];
  const equityData = equityWithBenchmark(result);
  if (equityData.length === 3) equityLines.push({ label: `Benchmark ${result.benchmark_symbol}`, stroke: "#8250df" });
  charts.push(createChart(byId("equity-chart"), equityLines, equityData));
  charts.push(createChart(byId("drawdown-chart"), [{ label: "Drawdown %", stroke: "#b42318", fill: "rgba(180,35,24,0.12)", right: true }],
    [xs, result.equity_curve.map((p) => -p.drawdown)], 200));
  renderMonthly(byId<HTMLTableElement>("monthly"), result.tearsheet.monthly_returns);
  showTrades(result);
  wireDownloads(result);
}
