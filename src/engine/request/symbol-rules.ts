/** Ticker rules (engine spec §1): 1..32 chars of `[A-Za-z0-9._/-]`, upper-cased. */
import type { IssueSink, Loc } from "./issues.ts";

/** Most symbols one request may name. */
export const MAX_SYMBOLS = 100;

/** Longest symbol accepted. */
export const MAX_SYMBOL_LENGTH = 32;

const SYMBOL_CHARS = /^[A-Za-z0-9._/-]+$/;

/** Validates one symbol and returns it upper-cased, or records an issue and returns `undefined`. */
export function normalizeSymbol(sink: IssueSink, value: unknown, loc: Loc): string | undefined {
  if (typeof value !== "string") {
    sink.add(loc, "Input should be a string", "string_type");
    return undefined;
  }
  if (value.length === 0) {
    sink.add(loc, "Symbol should have at least 1 character", "too_short");
    return undefined;
  }
  if (value.length > MAX_SYMBOL_LENGTH) {
    sink.add(loc, `Symbol should have at most ${MAX_SYMBOL_LENGTH} characters`, "too_long");
    return undefined;
  }
  if (!SYMBOL_CHARS.test(value)) {
    sink.add(loc, "Symbol should match pattern '^[A-Za-z0-9._/-]{1,32}$'", "string_pattern_mismatch");
    return undefined;
  }
  return value.toUpperCase();
}

/**
 * Validates `symbols`: a list of 1..`maxSymbols` (default 100) valid symbols. Returns the
 * upper-cased, de-duplicated list in first-seen order (only the valid entries when some are invalid).
 */
export function normalizeSymbols(sink: IssueSink, value: unknown, maxSymbols = MAX_SYMBOLS): string[] {
  if (value === undefined) {
    sink.add(["symbols"], "Field required", "missing");
    return [];
  }
  if (!Array.isArray(value)) {
    sink.add(["symbols"], "Input should be a list of symbols", "list_type");
    return [];
  }
  if (value.length === 0) sink.add(["symbols"], "List should have at least 1 symbol", "too_short");
  if (value.length > maxSymbols) sink.add(["symbols"], `List should have at most ${maxSymbols} symbols, not ${value.length}`, "too_long");
  const out: string[] = [];
  value.forEach((item, index) => {
    const symbol = normalizeSymbol(sink, item, ["symbols", index]);
    if (symbol !== undefined && !out.includes(symbol)) out.push(symbol);
  });
  return out;
}
