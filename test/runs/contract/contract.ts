/**
 * The store contract: every check, and a runner that reports each check's outcome instead of
 * stopping at the first failure (used by the Deno runner; vitest and workerd wrap each check in a test).
 */
import type { ContractCheck, StoreSubject } from "./contract-types.ts";
import { DATASET_CHECKS } from "./dataset-checks.ts";
import { LISTING_CHECKS } from "./listing-checks.ts";
import { RESULT_CHECKS } from "./result-checks.ts";
import { RUN_EVENT_CHECKS } from "./run-event-checks.ts";

export type { ContractCheck, StoreSubject } from "./contract-types.ts";

/** Every check of the run and dataset store contract. */
export const CONTRACT_CHECKS: readonly ContractCheck[] = [...RUN_EVENT_CHECKS, ...LISTING_CHECKS, ...RESULT_CHECKS, ...DATASET_CHECKS];

/** The outcome of one check. */
export interface CheckOutcome {
  name: string;
  ok: boolean;
  error?: string;
  ms: number;
}

/** A fresh subject for one check, and how to release it. */
export interface OpenedSubject {
  subject: StoreSubject;
  close?: () => void | Promise<void>;
}

/** Runs `checks`, each against a fresh subject from `open`, and reports every outcome. */
export async function runContract(open: (checkIndex: number) => OpenedSubject | Promise<OpenedSubject>, checks: readonly ContractCheck[] = CONTRACT_CHECKS): Promise<CheckOutcome[]> {
  const outcomes: CheckOutcome[] = [];
  for (const [index, check] of checks.entries()) {
    const started = Date.now();
    const opened = await open(index);
    try {
      await check.run(opened.subject);
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
