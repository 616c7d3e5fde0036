/** Typed field readers that record an issue instead of throwing. */
import type { IssueSink, Loc } from "./issues.ts";

/** Bounds of a numeric field; each is optional. */
export interface NumberBounds {
  /** Inclusive lower bound. */
  min?: number;
  /** Exclusive lower bound. */
  above?: number;
  /** Inclusive upper bound. */
  max?: number;
  /** Exclusive upper bound. */
  below?: number;
  integer?: boolean;
}

/**
 * Reads a finite number within `bounds`. `undefined` input yields `fallback`; a wrong type or a
 * bound violation records an issue and yields `undefined`.
 */
export function readNumber(sink: IssueSink, value: unknown, loc: Loc, bounds: NumberBounds, fallback?: number): number | undefined {
  if (value === undefined) return fallback;
  if (typeof value !== "number") {
    sink.add(loc, bounds.integer ? "Input should be an integer" : "Input should be a number", bounds.integer ? "int_type" : "float_type");
    return undefined;
  }
  if (!Number.isFinite(value)) {
    sink.add(loc, "Input should be a finite number", "finite_number");
    return undefined;
  }
  if (bounds.integer && !Number.isInteger(value)) {
    sink.add(loc, "Input should be an integer", "int_type");
    return undefined;
  }
  const before = sink.count;
  if (bounds.min !== undefined && value < bounds.min) sink.add(loc, `Input should be greater than or equal to ${bounds.min}`, "greater_than_equal");
  if (bounds.above !== undefined && value <= bounds.above) sink.add(loc, `Input should be greater than ${bounds.above}`, "greater_than");
  if (bounds.max !== undefined && value > bounds.max) sink.add(loc, `Input should be less than or equal to ${bounds.max}`, "less_than_equal");
  if (bounds.below !== undefined && value >= bounds.below) sink.add(loc, `Input should be less than ${bounds.below}`, "less_than");
  return sink.count === before ? value : undefined;
}

/** Reads a string; `undefined` yields `fallback`, a non-string records `string_type`. */
export function readString(sink: IssueSink, value: unknown, loc: Loc, fallback?: string): string | undefined {
  if (value === undefined) return fallback;
  if (typeof value === "string") return value;
  sink.add(loc, "Input should be a string", "string_type");
  return undefined;
}

/** Reads one of `allowed`; `undefined` yields `fallback`, anything else records `enum`. */
export function readEnum<T extends string>(sink: IssueSink, value: unknown, loc: Loc, allowed: readonly T[], fallback?: T): T | undefined {
  if (value === undefined) return fallback;
  if (typeof value === "string" && (allowed as readonly string[]).includes(value)) return value as T;
  sink.add(loc, `Input should be one of: ${allowed.map((a) => `'${a}'`).join(", ")}`, "enum");
  return undefined;
}

/** Reads a string matching `pattern` (described by `rule` in the message). */
export function readPattern(sink: IssueSink, value: unknown, loc: Loc, pattern: RegExp, rule: string, fallback?: string): string | undefined {
  const text = readString(sink, value, loc, fallback);
  if (text === undefined || value === undefined) return text;
  if (pattern.test(text)) return text;
  sink.add(loc, `String should match ${rule}`, "string_pattern_mismatch");
  return undefined;
}
