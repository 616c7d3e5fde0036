/** The store contract against the in-memory run and dataset stores. */
import { describe, it } from "vitest";
import { createInMemoryDatasetStore } from "../../src/runs/memory-dataset-store.ts";
import { createInMemoryRunStore } from "../../src/runs/memory-run-store.ts";
import { CONTRACT_CHECKS } from "./contract/contract.ts";

describe("in-memory stores satisfy the store contract", () => {
  for (const check of CONTRACT_CHECKS) {
    it(check.name, () => check.run({ runs: createInMemoryRunStore(), datasets: createInMemoryDatasetStore() }));
  }
});
