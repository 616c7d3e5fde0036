/** Shapes shared by the contract checks and their runners. */
import type { DatasetStore } from "../../../src/runs/dataset-store.ts";
import type { RunStore } from "../../../src/runs/run-store.ts";

/** The stores under test, fresh and empty for each check. */
export interface StoreSubject {
  runs: RunStore;
  datasets: DatasetStore;
}

/** One named check of the contract. */
export interface ContractCheck {
  name: string;
  run(subject: StoreSubject): Promise<void>;
}
