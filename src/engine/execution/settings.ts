/** Effective execution settings from a request's `execution` object (engine spec §4). */
import { EngineValidationError } from "../types.ts";
import type { EngineIssue, ExecutionInput, ExecutionSettings } from "../types.ts";

/** Defaults of every execution setting (bps are basis points, money in account currency). */
export const DEFAULT_EXECUTION: Readonly<ExecutionSettings> = {
  slippage_bps: 5,
  commission_bps: 5,
  commission_per_share: 0.001,
  minimum_commission: 1.0,
  latency_ms: 0,
  max_volume_participation: 0.25,
};

const KEYS = Object.keys(DEFAULT_EXECUTION) as (keyof ExecutionSettings)[];

/**
 * Exclusive upper bound of `slippage_bps`: sells fill at `open × (1 − slippage_bps/1e4)`, so
 * 10000 bps (100 %) would sell at 0 and more at a negative price.
 */
export const SLIPPAGE_BPS_LIMIT = 10_000;

/**
 * Applies defaults and validates. Every value must be finite and ≥ 0; `slippage_bps` below
 * {@link SLIPPAGE_BPS_LIMIT}; `max_volume_participation` in (0, 1]. When the input sets
 * `commission_bps` but neither `commission_per_share` nor `minimum_commission`, those two are 0
 * (a pure percentage fee).
 * Throws `EngineValidationError` (loc `["execution", key]`).
 */
export function resolveExecutionSettings(input: ExecutionInput): ExecutionSettings {
  const pureBps =
    input.commission_bps !== undefined &&
    input.commission_per_share === undefined &&
    input.minimum_commission === undefined;
  const out = { ...DEFAULT_EXECUTION };
  if (pureBps) {
    out.commission_per_share = 0;
    out.minimum_commission = 0;
  }
  const issues: EngineIssue[] = [];
  for (const key of KEYS) {
    const value = input[key];
    if (value === undefined) continue;
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
      issues.push({ loc: ["execution", key], msg: `${key} must be a finite number ≥ 0`, type: "greater_than_equal" });
      continue;
    }
    if (key === "slippage_bps" && value >= SLIPPAGE_BPS_LIMIT) {
      issues.push({ loc: ["execution", key], msg: `${key} must be less than ${SLIPPAGE_BPS_LIMIT} (a sell would fill at a price ≤ 0)`, type: "less_than" });
      continue;
    }
    out[key] = value;
  }
  const p = out.max_volume_participation;
  if (!(p > 0 && p <= 1) && input.max_volume_participation !== undefined && issues.length === 0) {
    issues.push({
      loc: ["execution", "max_volume_participation"],
      msg: `max_volume_participation (${p}) must be in (0, 1]`,
      type: "value_error",
    });
  }
  if (issues.length > 0) throw new EngineValidationError(issues);
  return out;
}

/**
 * Bars between a decision and its fill: 1 (the next bar), or `ceil(latency_ms / barMs)` when
 * that is more.
 */
export function fillDelayBars(latencyMs: number, barMs: number): number {
  return Math.max(1, Math.ceil(latencyMs / barMs));
}
