/** fast-check arbitraries of small random markets for property and reference tests. */
import fc from "fast-check";
import type { BarSeries } from "../../../src/engine/types.ts";

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 1);

/**
 * One symbol's bars on a random subset of a daily grid. Prices are multiples of 1/8 so running
 * sums are exact in binary floating point (the reference recomputes sums from scratch; both must
 * see bit-identical indicator values). Volumes include small ones so the volume cap binds.
 */
export function seriesArb(symbol: string, maxBars = 60): fc.Arbitrary<BarSeries> {
  return fc
    .array(
      fc.record({
        skip: fc.boolean(),
        open: fc.integer({ min: 8, max: 1600 }),
        close: fc.integer({ min: 8, max: 1600 }),
        volume: fc.oneof(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 10_000, max: 1_000_000 })),
      }),
      { minLength: 2, maxLength: maxBars, size: "max" },
    )
    .map((rows) => {
      const kept = rows.map((r, day) => ({ ...r, t: T0 + day * DAY })).filter((r, k) => k === 0 || !r.skip);
      const open = Float64Array.from(kept, (r) => r.open / 8);
      const close = Float64Array.from(kept, (r) => r.close / 8);
      return {
        symbol,
        resolution: "day" as const,
        timestamps: Float64Array.from(kept, (r) => r.t),
        open,
        high: open.map((o, i) => Math.max(o, close[i])),
        low: open.map((o, i) => Math.min(o, close[i])),
        close,
        volume: Float64Array.from(kept, (r) => r.volume),
      };
    });
}

/** One to three symbols. */
export const marketArb: fc.Arbitrary<BarSeries[]> = fc
  .integer({ min: 1, max: 3 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, k) => seriesArb(`S${k}`))));

/** Execution inputs: zero, default or random costs, with latency 0–3 days. */
export const executionArb = fc.record(
  {
    slippage_bps: fc.integer({ min: 0, max: 30 }),
    commission_bps: fc.integer({ min: 0, max: 30 }),
    commission_per_share: fc.constantFrom(0, 0.001, 0.01),
    minimum_commission: fc.constantFrom(0, 1, 5),
    latency_ms: fc.constantFrom(0, DAY, 2.5 * DAY),
    max_volume_participation: fc.constantFrom(0.1, 0.25, 1),
  },
  { requiredKeys: [] },
);

/** Initial capital. */
export const capitalArb = fc.integer({ min: 1_000, max: 1_000_000 });
