/**
 * The live equity/drawdown chart fed by `metric` events. Points are keyed by their timestamp, so
 * an event seen twice (a resumed stream that repeated one) cannot add a second point; the debug
 * counters on `window.__glowbackDashboard` let the browser test check exactly that.
 */
import type uPlot from "uplot";
import { createChart } from "./charts.ts";
import { toSeconds } from "./format.ts";

/** Counters the browser test reads. */
export interface DashboardDebug {
  /** `metric` events handed to the chart. */
  pointsReceived: number;
  /** Distinct timestamps among them. */
  uniqueTimestamps: number;
  /** Points drawn. */
  pointsPlotted: number;
  /** Stream connections opened (a resume opens another). */
  connections: number;
}

/** The page's debug counters (created on first use). */
export function dashboardDebug(): DashboardDebug {
  const w = window as unknown as { __glowbackDashboard?: DashboardDebug };
  w.__glowbackDashboard ??= { pointsReceived: 0, uniqueTimestamps: 0, pointsPlotted: 0, connections: 0 };
  return w.__glowbackDashboard;
}

/** A live chart in `el`; `add` takes a metric payload. */
export class LiveChart {
  private readonly xs: number[] = [];
  private readonly equity: number[] = [];
  private readonly drawdown: number[] = [];
  private readonly seen = new Set<string>();
  private readonly chart: uPlot;
  private frame = 0;

  constructor(el: HTMLElement) {
    el.replaceChildren();
    this.chart = createChart(el, [
      { label: "Equity", stroke: "#0b63c5" },
      { label: "Drawdown %", stroke: "#b42318", fill: "rgba(180,35,24,0.12)", right: true },
    ], [[], [], []]);
    const debug = dashboardDebug();
    Object.assign(debug, { pointsReceived: 0, uniqueTimestamps: 0, pointsPlotted: 0 });
  }

  /** Adds a `metric` payload `{timestamp, equity, drawdown_pct}`. */
  add(payload: Record<string, unknown>): void {
    const debug = dashboardDebug();
    debug.pointsReceived += 1;
    const timestamp = String(payload.timestamp);
    if (this.seen.has(timestamp)) return;
    this.seen.add(timestamp);
    debug.uniqueTimestamps = this.seen.size;
    this.xs.push(toSeconds(timestamp));
    this.equity.push(Number(payload.equity));
    this.drawdown.push(-Math.abs(Number(payload.drawdown_pct)));
    // Batch redraws to one per frame: a resumed backlog can deliver hundreds of points at once.
    if (this.frame === 0) this.frame = requestAnimationFrame(() => this.draw());
  }

  private draw(): void {
    this.frame = 0;
    this.chart.setData([this.xs, this.equity, this.drawdown]);
    dashboardDebug().pointsPlotted = this.xs.length;
  }

  /** Removes the chart. */
  destroy(): void {
    cancelAnimationFrame(this.frame);
    this.chart.destroy();
  }
}
