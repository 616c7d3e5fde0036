/**
 * A tiny assertion helper for the store contract suite. It uses nothing host-specific, so the
 * same checks run under vitest (Node), Deno and workerd.
 */

/** Thrown by a failed assertion. */
export class AssertionFailure extends Error {
  override name = "AssertionFailure";
}

function show(value: unknown): string {
  if (typeof value === "number") return Object.is(value, -0) ? "-0" : String(value);
  if (typeof value === "bigint") return `${value}n`;
  if (value === undefined) return "undefined";
  if (ArrayBuffer.isView(value)) return `${value.constructor.name}(${(value as unknown as ArrayLike<unknown>).length})`;
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
}

/** The first difference between two values as `path: actual ≠ expected`, or null when deeply equal (`Object.is` on leaves). */
export function firstDifference(actual: unknown, expected: unknown, path = "$"): string | null {
  if (Object.is(actual, expected)) return null;
  const mismatch = `${path}: ${show(actual)} ≠ ${show(expected)}`;
  if (typeof actual !== "object" || typeof expected !== "object" || actual === null || expected === null) return mismatch;
  if (Array.isArray(actual) !== Array.isArray(expected) || ArrayBuffer.isView(actual) !== ArrayBuffer.isView(expected)) return mismatch;
  if (Array.isArray(actual) || ArrayBuffer.isView(actual)) {
    const a = actual as unknown as ArrayLike<unknown>;
    const e = expected as unknown as ArrayLike<unknown>;
    if (a.length !== e.length) return `${path}.length: ${a.length} ≠ ${e.length}`;
    for (let i = 0; i < a.length; i++) {
      if (!Object.is(a[i], e[i])) {
        const inner = firstDifference(a[i], e[i], `${path}[${i}]`);
        if (inner) return inner;
      }
    }
    return null;
  }
  const aKeys = Object.keys(actual).sort();
  const eKeys = Object.keys(expected).sort();
  if (aKeys.join(",") !== eKeys.join(",")) return `${path} keys: [${aKeys.join(",")}] ≠ [${eKeys.join(",")}]`;
  for (const key of aKeys) {
    const inner = firstDifference((actual as Record<string, unknown>)[key], (expected as Record<string, unknown>)[key], `${path}.${key}`);
    if (inner) return inner;
  }
  return null;
}

/** Fails with `message` unless `condition` holds. */
export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new AssertionFailure(message);
}

/** Fails unless `actual` deeply equals `expected`; the message names the first difference. */
export function assertEqual<T>(actual: T, expected: T, label: string): void {
  const difference = firstDifference(actual, expected);
  if (difference) throw new AssertionFailure(`${label}: ${difference}`);
}

/** Fails unless `action` rejects with an error that `accept` accepts; returns that error. */
export async function assertRejects(action: () => Promise<unknown>, accept: (error: unknown) => boolean, label: string): Promise<unknown> {
  try {
    await action();
  } catch (error) {
    assert(accept(error), `${label}: rejected with an unexpected error: ${error instanceof Error ? `${error.name}: ${error.message}` : show(error)}`);
    return error;
  }
  throw new AssertionFailure(`${label}: expected a rejection, but it resolved`);
}
