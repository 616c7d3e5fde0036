/** Shapes shared by the optimisation store checks and their runners. */
import type { OptimizationStore } from "../../../../src/runs/optimizations/optimization-store.ts";

/** One named check, run against a fresh, empty store. */
export interface OptimizationContractCheck {
  name: string;
  run(store: OptimizationStore): Promise<void>;
}
