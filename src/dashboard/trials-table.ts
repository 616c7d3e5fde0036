/** The live trials table of an optimisation: one row per finished trial, best objective first. */
import { h } from "./dom.ts";
import { formatNumber } from "./format.ts";
import { byObjective } from "./objective-order.ts";
import type { Direction } from "./objective-order.ts";
import type { TrialResult } from "./types.ts";

/** `short_period=7, allow_short=true`. */
export function formatParameters(parameters: Record<string, unknown>): string {
  return Object.entries(parameters).map(([k, v]) => `${k}=${typeof v === "number" ? formatNumber(v, Number.isInteger(v) ? 0 : 4) : String(v)}`).join(", ");
}

/** The table body `tbody`, re-sorted (once per frame) as trials arrive. */
export class TrialsTable {
  private readonly trials = new Map<number, TrialResult>();
  private bestNumber: number | null = null;
  private frame = 0;

  constructor(private readonly tbody: HTMLTableSectionElement, private readonly direction: Direction) {
    tbody.replaceChildren();
  }

  /** Adds (or replaces) a finished trial. */
  add(trial: TrialResult): void {
    this.trials.set(trial.number, trial);
    this.schedule();
  }

  /** Marks trial `number` as the best. */
  setBest(number: number | null): void {
    this.bestNumber = number;
    this.schedule();
  }

  private schedule(): void {
    if (this.frame === 0) this.frame = requestAnimationFrame(() => this.render());
  }

  private render(): void {
    this.frame = 0;
    const rows = [...this.trials.values()].sort(byObjective(this.direction)).map((t) => {
      const best = t.number === this.bestNumber;
      return h("tr", { "data-trial": String(t.number), class: best ? "best" : "", "aria-current": best ? "true" : false },
        h("td", { class: "num" }, String(t.number)),
        h("td", {}, formatParameters(t.parameters)),
        h("td", { class: "num" }, formatNumber(t.objective, 4)),
        h("td", { class: `state state-${t.status}`, title: t.error ?? "" }, best ? `${t.status} (best)` : t.status));
    });
    this.tbody.replaceChildren(...rows);
  }

  /** Stops pending renders. */
  destroy(): void {
    cancelAnimationFrame(this.frame);
  }
}
