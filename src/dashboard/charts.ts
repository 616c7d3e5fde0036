/** uPlot charts: a time axis, an account-currency line and an optional percent line on a right axis. */
import uPlot from "uplot";

/** One line of a chart. */
export interface LineSpec {
  label: string;
  stroke: string;
  /** Draw on the right-hand axis (percent). */
  right?: boolean;
  fill?: string;
}

const compactFormat = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 2 });

function compact(value: number): string {
  return compactFormat.format(value);
}

function width(el: HTMLElement): number {
  return Math.max(280, el.clientWidth || 600);
}

/** Creates a chart in `el` for `lines` over `data` (`[xs, ...ys]`, xs in epoch seconds). */
export function createChart(el: HTMLElement, lines: LineSpec[], data: uPlot.AlignedData, height = 260): uPlot {
  const hasRight = lines.some((l) => l.right);
  const axes: uPlot.Axis[] = [{}, { scale: "y", size: 64, values: (_u, ticks) => ticks.map(compact) }];
  if (hasRight) axes.push({ scale: "pct", side: 1, size: 62, grid: { show: false }, values: (_u, ticks) => ticks.map((t) => `${t} %`) });
  const chart = new uPlot(
    {
      width: width(el),
      height,
      scales: { x: { time: true } },
      series: [{}, ...lines.map((l) => ({ label: l.label, stroke: l.stroke, fill: l.fill, width: 1.5, scale: l.right ? "pct" : "y", spanGaps: true }))],
      axes,
    },
    data,
    el,
  );
  const onResize = () => chart.setSize({ width: width(el), height });
  window.addEventListener("resize", onResize);
  return chart;
}
