/** `strategy` field rules: `{name, params}`, name pattern and registration, params schema. */
import { resolveStrategyParams } from "../strategies/param-specs.ts";
import { EngineValidationError } from "../types.ts";
import { readObject, rejectUnknownKeys } from "./issues.ts";
import type { IssueSink } from "./issues.ts";
import { readPattern } from "./readers.ts";

/** Strategy used when the request names none. */
export const DEFAULT_STRATEGY = "buy_and_hold";

const NAME_PATTERN = /^[a-z0-9_]{1,128}$/;

/** Effective strategy of a request. */
export interface StrategyChoice {
  name: string;
  params: Record<string, unknown>;
}

/**
 * Validates `strategy` (default `{"name":"buy_and_hold"}`) and returns the name with its
 * effective parameters, or `undefined` after recording issues.
 */
export function normalizeStrategy(sink: IssueSink, value: unknown): StrategyChoice | undefined {
  const obj = readObject(sink, value, ["strategy"]);
  if (value !== undefined && obj === undefined) return undefined;
  const given = obj ?? { name: DEFAULT_STRATEGY };
  rejectUnknownKeys(sink, given, ["name", "params"], ["strategy"]);
  if (given.name === undefined) {
    sink.add(["strategy", "name"], "Field required", "missing");
    return undefined;
  }
  const name = readPattern(sink, given.name, ["strategy", "name"], NAME_PATTERN, "pattern '^[a-z0-9_]{1,128}$'");
  if (name === undefined) return undefined;
  try {
    return { name, params: resolveStrategyParams(name, given.params) };
  } catch (error) {
    if (!(error instanceof EngineValidationError)) throw error;
    for (const issue of error.issues) sink.add(issue.loc, issue.msg, issue.type);
    return undefined;
  }
}
