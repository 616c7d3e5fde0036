import { describe, expect, it } from "vitest";
import { hashToNormalFast } from "../../../src/engine/util/normal-table.ts";
import { Prng, deriveSeed, fnv1a32, hashToNormal, hashToUint32, hashToUnit } from "../../../src/engine/util/prng.ts";

function moments(values: number[]): { mean: number; variance: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1);
  return { mean, variance };
}

describe("fnv1a32", () => {
  it("matches the published FNV-1a values", () => {
    expect(fnv1a32("")).toBe(0x811c9dc5);
    expect(fnv1a32("a")).toBe(0xe40c292c);
    expect(fnv1a32("foobar")).toBe(0xbf9cf968);
  });
});

describe("Prng", () => {
  it("repeats the same sequence for the same seed", () => {
    const a = new Prng("AAPL");
    const b = new Prng("AAPL");
    const xs = Array.from({ length: 50 }, () => a.nextFloat());
    expect(Array.from({ length: 50 }, () => b.nextFloat())).toEqual(xs);
    expect(new Prng(42).nextUint32()).toBe(new Prng(42).nextUint32());
  });

  it("differs between seeds", () => {
    expect(new Prng("AAPL").nextFloat()).not.toBe(new Prng("MSFT").nextFloat());
    expect(new Prng(0).nextUint32()).not.toBe(new Prng(1).nextUint32());
  });

  it("draws floats in [0, 1) and standard normals", () => {
    const rng = new Prng(7);
    const floats = Array.from({ length: 20_000 }, () => rng.nextFloat());
    expect(Math.min(...floats)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...floats)).toBeLessThan(1);
    expect(moments(floats).mean).toBeCloseTo(0.5, 1);
    const normals = Array.from({ length: 20_000 }, () => rng.nextNormal());
    const m = moments(normals);
    expect(Math.abs(m.mean)).toBeLessThan(0.03);
    expect(Math.abs(m.variance - 1)).toBeLessThan(0.05);
  });
});

describe("counter-based hashes", () => {
  it("are pure functions of (seed, counter)", () => {
    expect(hashToUnit(5, 123)).toBe(hashToUnit(5, 123));
    expect(hashToUint32(5, -4)).toBe(hashToUint32(5, -4));
    expect(hashToUint32(5, 1)).not.toBe(hashToUint32(6, 1));
    expect(hashToUint32(5, 1)).not.toBe(hashToUint32(5, 1 + 2 ** 32));
    expect(deriveSeed(9, "walk")).not.toBe(deriveSeed(9, "gap"));
  });

  it("give uniform units and unit-variance normals", () => {
    const units = Array.from({ length: 50_000 }, (_, i) => hashToUnit(99, i));
    expect(Math.min(...units)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...units)).toBeLessThan(1);
    expect(moments(units).variance).toBeCloseTo(1 / 12, 2);
    for (const draw of [hashToNormal, hashToNormalFast]) {
      const m = moments(Array.from({ length: 50_000 }, (_, i) => draw(3, i - 25_000)));
      expect(Math.abs(m.mean)).toBeLessThan(0.02);
      expect(Math.abs(m.variance - 1)).toBeLessThan(0.03);
    }
  });

  it("keeps the fast normal finite and bounded", () => {
    let max = 0;
    for (let i = 0; i < 100_000; i++) max = Math.max(max, Math.abs(hashToNormalFast(1, i)));
    expect(max).toBeLessThan(4);
    expect(max).toBeGreaterThan(3);
  });
});
