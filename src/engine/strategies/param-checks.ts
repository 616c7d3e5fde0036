/** Per-value and cross-field checks behind `resolveStrategyParams`. */
import type { EngineIssue } from "../types.ts";
import type { ParamSpec } from "./param-specs.ts";

/** A failed check: the message and its issue type. */
export interface ParamProblem {
  msg: string;
  type: string;
}

/** Checks one value against its spec; returns the problem or `null` when valid. */
export function checkParamValue(key: string, spec: ParamSpec, value: unknown): ParamProblem | null {
  switch (spec.type) {
    case "boolean":
      return typeof value === "boolean" ? null : { msg: `${key} must be a boolean`, type: "bool_type" };
    case "enum":
      return typeof value === "string" && spec.values.includes(value)
        ? null
        : { msg: `${key} must be one of: ${spec.values.join(", ")}`, type: "enum" };
    case "integer":
      if (typeof value !== "number" || !Number.isInteger(value)) {
        return { msg: `${key} must be an integer`, type: "int_type" };
      }
      return checkRange(key, value, spec.min, spec.max, false, false);
    case "number":
      if (typeof value !== "number" || !Number.isFinite(value)) {
        return { msg: `${key} must be a finite number`, type: "float_type" };
      }
      return checkRange(key, value, spec.min, spec.max, spec.exclusiveMin ?? false, spec.exclusiveMax ?? false);
  }
}

function checkRange(
  key: string,
  value: number,
  min: number | undefined,
  max: number | undefined,
  exclusiveMin: boolean,
  exclusiveMax: boolean,
): ParamProblem | null {
  if (min !== undefined && (exclusiveMin ? value <= min : value < min)) {
    const rel = exclusiveMin ? "greater than" : "at least";
    return { msg: `${key} (${value}) must be ${rel} ${min}`, type: exclusiveMin ? "greater_than" : "greater_than_equal" };
  }
  if (max !== undefined && (exclusiveMax ? value >= max : value > max)) {
    const rel = exclusiveMax ? "less than" : "at most";
    return { msg: `${key} (${value}) must be ${rel} ${max}`, type: exclusiveMax ? "less_than" : "less_than_equal" };
  }
  return null;
}

type Rule = [lower: string, upper: string, strict: boolean];

const CROSS_RULES: Readonly<Record<string, readonly Rule[]>> = {
  ma_crossover: [["short_period", "long_period", true]],
  mean_reversion: [
    ["exit_threshold", "entry_threshold", true],
    ["position_size", "max_position_size", false],
  ],
  rsi: [["oversold_threshold", "overbought_threshold", true]],
};

/**
 * Ordering rules between parameters of one strategy (e.g. `short_period < long_period`).
 * The issue is reported at the first field of the rule.
 */
export function checkCrossFieldRules(name: string, params: Record<string, unknown>): EngineIssue[] {
  const issues: EngineIssue[] = [];
  for (const [lower, upper, strict] of CROSS_RULES[name] ?? []) {
    const a = params[lower] as number;
    const b = params[upper] as number;
    if (strict ? a < b : a <= b) continue;
    const rel = strict ? "less than" : "at most";
    issues.push({
      loc: ["strategy", "params", lower],
      msg: `${lower} (${a}) must be ${rel} ${upper} (${b})`,
      type: "value_error",
    });
  }
  return issues;
}
