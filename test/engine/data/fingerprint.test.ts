import { describe, expect, it } from "vitest";
import { fingerprintSeries } from "../../../src/engine/data/fingerprint.ts";
import { generateSampleSeries } from "../../../src/engine/data/sample-generator.ts";

const a = generateSampleSeries("AAA", "day", Date.UTC(2023, 0, 1), Date.UTC(2023, 6, 1));
const b = generateSampleSeries("BBB", "day", Date.UTC(2023, 0, 1), Date.UTC(2023, 6, 1));

describe("fingerprintSeries", () => {
  it("is a stable SHA-256 hex digest", () => {
    const fp = fingerprintSeries([a, b]);
    expect(fp).toMatch(/^[0-9a-f]{64}$/);
    expect(fingerprintSeries([a, b])).toBe(fp);
    expect(fingerprintSeries([])).not.toBe(fp);
  });

  it("does not depend on the order of the input", () => {
    expect(fingerprintSeries([b, a])).toBe(fingerprintSeries([a, b]));
  });

  it("changes when any value, symbol or column changes", () => {
    const base = fingerprintSeries([a, b]);
    const copy = { ...a, close: a.close.slice() };
    copy.close[10] += 1e-9;
    expect(fingerprintSeries([copy, b])).not.toBe(base);
    expect(fingerprintSeries([{ ...a, symbol: "AAB" }, b])).not.toBe(base);
    expect(fingerprintSeries([{ ...a, volume: a.high, high: a.volume }, b])).not.toBe(base);
    expect(fingerprintSeries([a])).not.toBe(base);
  });

  it("pins the digest of a tiny series (computed independently with node:crypto)", () => {
    const one = { symbol: "X", resolution: "day" as const, timestamps: Float64Array.of(0), open: Float64Array.of(1), high: Float64Array.of(2), low: Float64Array.of(0.5), close: Float64Array.of(1.5), volume: Float64Array.of(10) };
    expect(fingerprintSeries([one])).toBe("c4a1e77807638d83926cbcd36ff9da9a5141bf94956618633b45cdae596a54f1");
  });
});
