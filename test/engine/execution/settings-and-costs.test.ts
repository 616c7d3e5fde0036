import { describe, expect, it } from "vitest";
import { createBpsSlippage, createCommissionModel } from "../../../src/engine/execution/cost-models.ts";
import { lotStep, truncToStep } from "../../../src/engine/execution/quantity.ts";
import { fillDelayBars, resolveExecutionSettings } from "../../../src/engine/execution/settings.ts";
import { EngineValidationError } from "../../../src/engine/types.ts";

describe("resolveExecutionSettings", () => {
  it("applies the defaults", () => {
    expect(resolveExecutionSettings({})).toEqual({
      slippage_bps: 5, commission_bps: 5, commission_per_share: 0.001, minimum_commission: 1,
      latency_ms: 0, max_volume_participation: 0.25,
    });
  });

  it("commission_bps alone means a pure percentage fee", () => {
    expect(resolveExecutionSettings({ commission_bps: 10 })).toMatchObject({ commission_bps: 10, commission_per_share: 0, minimum_commission: 0 });
    expect(resolveExecutionSettings({ commission_bps: 10, minimum_commission: 2 })).toMatchObject({ commission_per_share: 0.001, minimum_commission: 2 });
    expect(resolveExecutionSettings({ commission_bps: 10, commission_per_share: 0.01 })).toMatchObject({ commission_per_share: 0.01, minimum_commission: 1 });
  });

  it("validates", () => {
    expect(() => resolveExecutionSettings({ slippage_bps: -1 })).toThrow(EngineValidationError);
    expect(() => resolveExecutionSettings({ slippage_bps: 10_000 })).toThrow(/slippage_bps must be less than 10000/);
    expect(resolveExecutionSettings({ slippage_bps: 9_999 }).slippage_bps).toBe(9_999);
    expect(() => resolveExecutionSettings({ max_volume_participation: 0 })).toThrow(/must be in \(0, 1\]/);
    expect(() => resolveExecutionSettings({ max_volume_participation: 1.5 })).toThrow(EngineValidationError);
    expect(resolveExecutionSettings({ max_volume_participation: 1 }).max_volume_participation).toBe(1);
  });

  it("fill delay is one bar or ceil(latency / bar length)", () => {
    expect(fillDelayBars(0, 60_000)).toBe(1);
    expect(fillDelayBars(60_000, 60_000)).toBe(1);
    expect(fillDelayBars(60_001, 60_000)).toBe(2);
    expect(fillDelayBars(150_000, 60_000)).toBe(3);
  });
});

describe("cost models", () => {
  it("slippage moves buys up and sells down", () => {
    const m = createBpsSlippage(10);
    expect(m.fillPrice(100, 1)).toBeCloseTo(100.1, 12);
    expect(m.fillPrice(100, -1)).toBeCloseTo(99.9, 12);
    expect(() => createBpsSlippage(-1)).toThrow(RangeError);
    // 10000 bps would sell at 0 (and more at a negative price): refused.
    expect(() => createBpsSlippage(10_000)).toThrow(RangeError);
    expect(createBpsSlippage(9_999).fillPrice(100, -1)).toBeGreaterThan(0);
  });

  it("commission is per share plus bps of notional with a minimum", () => {
    const m = createCommissionModel(0.001, 5, 1);
    expect(m.commission(10, 100)).toBe(1);
    expect(m.commission(1000, 100)).toBeCloseTo(1 + 50, 12);
    expect(() => createCommissionModel(0, 0, Number.NaN)).toThrow(RangeError);
  });

  it("maxShares fits price and commission into a budget", () => {
    expect(createCommissionModel(0, 10, 0).maxShares(1000, 100, 1)).toBe(9);
    expect(createCommissionModel(0, 0, 5).maxShares(1001, 100, 1)).toBe(9);
    expect(createCommissionModel(0, 0, 0).maxShares(1000, 100, 1)).toBe(10);
    expect(createCommissionModel(0, 0, 0).maxShares(1000, 30_000, 1e-8)).toBe(0.03333333);
    expect(createCommissionModel(0, 0, 5).maxShares(4, 1, 1)).toBe(0);
  });

  it("quantity steps", () => {
    expect(lotStep("AAPL")).toBe(1);
    expect(lotStep("BTC-USD")).toBe(1e-8);
    expect(truncToStep(2.9, 1)).toBe(2);
    expect(truncToStep(-2.9, 1)).toBe(-2);
    expect(truncToStep(0.123456789, 1e-8)).toBe(0.12345678);
  });
});
