/**
 * `execution` field rules (engine spec §4): every value ≥ 0, `slippage_bps` < 10000 (a sell
 * fills at `open × (1 − slippage_bps/1e4)`, which is ≤ 0 from 10000 bps on), participation in (0, 1].
 */
import { SLIPPAGE_BPS_LIMIT } from "../execution/settings.ts";
import type { ExecutionInput } from "../types.ts";
import { readObject, rejectUnknownKeys } from "./issues.ts";
import type { IssueSink } from "./issues.ts";
import { readNumber } from "./readers.ts";

const NON_NEGATIVE = ["slippage_bps", "commission_bps", "commission_per_share", "minimum_commission", "latency_ms"] as const;
const KEYS = [...NON_NEGATIVE, "max_volume_participation"];

/**
 * Validates `execution` and returns the keys the caller set (defaults are applied by
 * `resolveExecutionSettings`, which depends on which keys were set).
 */
export function readExecutionInput(sink: IssueSink, value: unknown): ExecutionInput {
  const obj = readObject(sink, value, ["execution"], true);
  if (obj === undefined) return {};
  rejectUnknownKeys(sink, obj, KEYS, ["execution"]);
  const out: ExecutionInput = {};
  for (const key of NON_NEGATIVE) {
    const bounds = key === "slippage_bps" ? { min: 0, below: SLIPPAGE_BPS_LIMIT } : { min: 0 };
    const v = readNumber(sink, obj[key], ["execution", key], bounds);
    if (v !== undefined) out[key] = v;
  }
  const participation = readNumber(sink, obj.max_volume_participation, ["execution", "max_volume_participation"], { above: 0, max: 1 });
  if (participation !== undefined) out.max_volume_participation = participation;
  return out;
}
