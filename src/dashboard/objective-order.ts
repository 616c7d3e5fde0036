/** Ordering of trials by objective under a direction: better first, trials without one last. */
import type { TrialResult } from "./types.ts";

/** The optimisation's direction. */
export type Direction = "maximize" | "minimize";

/** Whether objective `a` beats `b` under `direction`. */
export function better(a: number, b: number, direction: Direction): boolean {
  return direction === "maximize" ? a > b : a < b;
}

/** A comparator: better objective first, null objectives last, ties by trial number. */
export function byObjective(direction: Direction): (a: TrialResult, b: TrialResult) => number {
  return (a, b) => {
    if (a.objective === null || b.objective === null) {
      if (a.objective === b.objective) return a.number - b.number;
      return a.objective === null ? 1 : -1;
    }
    if (a.objective === b.objective) return a.number - b.number;
    return better(a.objective, b.objective, direction) ? -1 : 1;
  };
}
