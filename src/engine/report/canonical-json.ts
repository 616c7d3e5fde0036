/** Canonical JSON: one byte sequence per value, so hashes of equal results are equal. */

/**
 * Serialises `value` like `JSON.stringify` without whitespace, but with object keys sorted by
 * UTF-16 code unit order at every level. Numbers use JSON's own formatting; properties whose
 * value is `undefined` are omitted (as JSON does); array holes and `undefined` items become
 * `null`. Throws `TypeError` on a non-finite number, a bigint, a function or a symbol, since
 * those have no faithful JSON form.
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "string":
    case "boolean":
      return JSON.stringify(value);
    case "number":
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: non-finite number ${value}`);
      return JSON.stringify(value);
    case "object":
      return Array.isArray(value) ? canonicalArray(value) : canonicalObject(value as Record<string, unknown>);
    default:
      throw new TypeError(`canonicalJson: cannot serialise ${typeof value}`);
  }
}

function canonicalArray(items: readonly unknown[]): string {
  const parts: string[] = [];
  for (let i = 0; i < items.length; i++) parts.push(items[i] === undefined ? "null" : canonicalJson(items[i]));
  return `[${parts.join(",")}]`;
}

function canonicalObject(obj: Record<string, unknown>): string {
  const keys = Object.keys(obj).sort();
  const parts: string[] = [];
  for (const key of keys) {
    if (obj[key] === undefined) continue;
    parts.push(`${JSON.stringify(key)}:${canonicalJson(obj[key])}`);
  }
  return `{${parts.join(",")}}`;
}
