import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CanonicalJsonHasher } from "../../../src/engine/report/canonical-hash.ts";
import { canonicalJson } from "../../../src/engine/report/canonical-json.ts";

const reference = (value: unknown) => createHash("sha256").update(canonicalJson(value), "utf8").digest("hex");

function streamed(value: unknown): string {
  const hasher = new CanonicalJsonHasher();
  hasher.value(value);
  return hasher.digestHex();
}

function stepped(value: Record<string, unknown>, every: number): { hash: string; steps: number } {
  const hasher = new CanonicalJsonHasher();
  const steps = hasher.objectSteps(value, every);
  let count = 0;
  for (let s = steps.next(); !s.done; s = steps.next()) count++;
  return { hash: hasher.digestHex(), steps: count };
}

describe("CanonicalJsonHasher", () => {
  it("hashes the bytes of canonicalJson for fixed values", () => {
    expect(streamed({ b: 1, a: { d: [3, { z: null, y: "x" }], c: true }, u: undefined })).toBe(
      createHash("sha256").update('{"a":{"c":true,"d":[3,{"y":"x","z":null}]},"b":1}').digest("hex"),
    );
    expect(streamed([0.1 + 0.2, 1e21, -0, 5e-7, 'é"\n', "\ud800", "😀", undefined, "\u007f"])).toBe(
      reference([0.1 + 0.2, 1e21, -0, 5e-7, 'é"\n', "\ud800", "😀", null, "\u007f"]),
    );
  });

  it("matches canonicalJson for any JSON value, records of alternating shapes and long strings", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(streamed(value)).toBe(reference(value));
      }),
      { numRuns: 300 },
    );
    const rows = Array.from({ length: 50 }, (_, i) => (i % 3 === 0 ? { b: i, a: { y: i, x: [i] } } : { a: { x: [], y: "s" }, b: i, c: null }));
    expect(streamed(rows)).toBe(reference(rows));
    const long = { text: "x".repeat(200_000), other: "é".repeat(70_000), list: ["a\"".repeat(40_000)] };
    expect(streamed(long)).toBe(reference(long));
  });

  it("objectSteps yields inside large arrays and hashes the same bytes", () => {
    const body = { z: Array.from({ length: 10 }, (_, i) => ({ t: i })), a: "x", m: [1, 2, 3] };
    const result = stepped(body, 4);
    expect(result.hash).toBe(reference(body));
    // 2 yields inside z (after items 4 and 8), plus one after each of the 3 properties.
    expect(result.steps).toBe(5);
  });

  it("throws TypeError where canonicalJson does", () => {
    expect(() => streamed({ a: Number.NaN })).toThrow(new TypeError("canonicalJson: non-finite number NaN"));
    expect(() => streamed([Infinity])).toThrow(TypeError);
    expect(() => streamed(1n)).toThrow(new TypeError("canonicalJson: cannot serialise bigint"));
    expect(() => streamed({ f: () => 1 })).toThrow(new TypeError("canonicalJson: cannot serialise function"));
  });
});
