/**
 * The optimisation store contract: every check, and a runner that reports each outcome instead of
 * stopping at the first failure (used by the Deno runner; vitest and workerd wrap each check in a test).
 */
import type { OptimizationStore } from "../../../../src/runs/optimizations/optimization-store.ts";
import type { OptimizationContractCheck } from "./contract-types.ts";
import { LISTING_RESULT_CHECKS } from "./listing-result-checks.ts";
import { RECORD_CHECKS } from "./record-checks.ts";
import { TRIAL_CHECKS } from "./trial-checks.ts";

export type { OptimizationContractCheck } from "./contract-types.ts";

/** Every check of the optimisation store contract. */
export const OPTIMIZATION_CONTRACT_CHECKS: readonly OptimizationContractCheck[] = [...RECORD_CHECKS, ...TRIAL_CHECKS, ...LISTING_RESULT_CHECKS];

/** The outcome of one check. */
export interface OptimizationCheckOutcome {
  name: string;
  ok: boolean;
  error?: string;
  ms: number;
}

/** A fresh store for one check, and how to release it. */
export interface OpenedOptimizationStore {
  store: OptimizationStore;
  close?: () => void | Promise<void>;
}

/** Runs `checks`, each against a fresh store from `open`, and reports every outcome. */
export async function runOptimizationContract(
  open: (checkIndex: number) => OpenedOptimizationStore | Promise<OpenedOptimizationStore>,
  checks: readonly OptimizationContractCheck[] = OPTIMIZATION_CONTRACT_CHECKS,
): Promise<OptimizationCheckOutcome[]> {
  const outcomes: OptimizationCheckOutcome[] = [];
  for (const [index, check] of checks.entries()) {
    const started = Date.now();
    const opened = await open(index);
    try {
      await check.run(opened.store);
      outcomes.push({ name: check.name, ok: true, ms: Date.now() - started });
    } catch (error) {
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      outcomes.push({ name: check.name, ok: false, error: message, ms: Date.now() - started });
    } finally {
      await opened.close?.();
    }
  }
  return outcomes;
}
