/** A sample provider that waits `delayMs` per series, so a run's loading phase spans real time. */
import { createSampleProvider } from "../../../src/engine/index.ts";
import type { MarketDataProvider } from "../../../src/engine/index.ts";

/** Sample data, `delayMs` late per load. */
export function slowProvider(delayMs: number): MarketDataProvider {
  const sample = createSampleProvider();
  return {
    source: "sample",
    async load(symbol, resolution, startMs, endMs) {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      return sample.load(symbol, resolution, startMs, endMs);
    },
  };
}
