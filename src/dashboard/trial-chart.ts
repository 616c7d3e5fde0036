/** The live chart of an optimisation: each trial's objective by trial number, and the best so far. */
import uPlot from "uplot";
import { better } from "./objective-order.ts";
import type { Direction } from "./objective-order.ts";
import type { TrialResult } from "./types.ts";

function width(el: HTMLElement): number {
  return Math.max(280, el.clientWidth || 600);
}

const HEIGHT = 240;

/** A chart in `el`; `add` takes finished trials in any order. */
export class TrialChart {
  private readonly objectives = new Map<number, number | null>();
  private readonly chart: uPlot;
  private readonly onResize: () => void;
  private frame = 0;

  constructor(el: HTMLElement, private readonly direction: Direction) {
    el.replaceChildren();
    this.chart = new uPlot({
      width: width(el),
      height: HEIGHT,
      scales: { x: { time: false } },
      series: [
        { label: "Trial" },
        { label: "Objective", stroke: "#0b63c5", width: 0, paths: () => null, points: { show: true, size: 7, fill: "#0b63c5" } },
        { label: "Best so far", stroke: "#1a7f37", width: 2, spanGaps: true },
      ],
      // Whole trial numbers only on the x axis.
      axes: [{ label: "Trial", incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000] }, { size: 64 }],
    }, [[], [], []], el);
    this.onResize = () => this.chart.setSize({ width: width(el), height: HEIGHT });
    window.addEventListener("resize", this.onResize);
  }

  /** Adds (or replaces) trial `trial`'s point. */
  add(trial: TrialResult): void {
    this.objectives.set(trial.number, trial.objective);
    // Batch redraws to one per frame: a replayed log delivers every trial at once.
    if (this.frame === 0) this.frame = requestAnimationFrame(() => this.draw());
  }

  private draw(): void {
    this.frame = 0;
    const xs = [...this.objectives.keys()].sort((a, b) => a - b);
    const ys = xs.map((n) => this.objectives.get(n) ?? null);
    let best: number | null = null;
    const bests = ys.map((y) => {
      if (y !== null && (best === null || better(y, best, this.direction))) best = y;
      return best;
    });
    this.chart.setData([xs, ys, bests]);
  }

  /** Removes the chart. */
  destroy(): void {
    cancelAnimationFrame(this.frame);
    window.removeEventListener("resize", this.onResize);
    this.chart.destroy();
  }
}
