import { describe, expect, it } from "vitest";
import { canonicalJson } from "../../../src/engine/report/canonical-json.ts";

describe("canonicalJson", () => {
  it("sorts keys at every level and drops undefined properties", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: null, y: "x" }], c: true }, u: undefined })).toBe(
      '{"a":{"c":true,"d":[3,{"y":"x","z":null}]},"b":1}',
    );
  });

  it("formats numbers and strings like JSON", () => {
    expect(canonicalJson([0.1 + 0.2, 1e21, -0, 5e-7, "é\"\n"])).toBe('[0.30000000000000004,1e+21,0,5e-7,"é\\"\\n"]');
  });

  it("is independent of insertion order", () => {
    expect(canonicalJson({ x: 1, y: 2 })).toBe(canonicalJson({ y: 2, x: 1 }));
  });

  it("writes undefined array items as null", () => {
    expect(canonicalJson([undefined, 1])).toBe("[null,1]");
  });

  it("refuses values without a faithful JSON form", () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson([Infinity])).toThrow(TypeError);
    expect(() => canonicalJson(1n)).toThrow(TypeError);
    expect(() => canonicalJson(() => 1)).toThrow(TypeError);
  });
});
