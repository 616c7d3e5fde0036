/** Collecting validation issues so a request reports every problem at once. */
import type { EngineIssue } from "../types.ts";

/** A location inside the request body, e.g. `["symbols", 3]`. */
export type Loc = (string | number)[];

/** A JSON object as parsed from a request body. */
export type JsonObject = Record<string, unknown>;

/** Accumulates issues; `add` never throws so validation continues after the first problem. */
export class IssueSink {
  readonly issues: EngineIssue[] = [];

  /** Records one issue at `loc` (relative to the body). */
  add(loc: Loc, msg: string, type: string): void {
    this.issues.push({ loc: [...loc], msg, type });
  }

  /** Number of issues recorded so far. */
  get count(): number {
    return this.issues.length;
  }
}

/** True for a non-null, non-array object. */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Reports every key of `obj` that is not in `allowed` as `extra_forbidden`. */
export function rejectUnknownKeys(sink: IssueSink, obj: JsonObject, allowed: readonly string[], loc: Loc): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) {
      sink.add([...loc, key], `Unknown field '${key}'; allowed fields are: ${allowed.join(", ")}`, "extra_forbidden");
    }
  }
}

/**
 * Reads an object-valued field. Absent (or `null` when `nullable`) yields `undefined`;
 * any other non-object is an `object_type` issue.
 */
export function readObject(sink: IssueSink, value: unknown, loc: Loc, nullable = false): JsonObject | undefined {
  if (value === undefined || (nullable && value === null)) return undefined;
  if (isJsonObject(value)) return value;
  sink.add(loc, "Input should be an object", "object_type");
  return undefined;
}
