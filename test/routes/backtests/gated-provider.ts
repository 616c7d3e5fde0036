/**
 * A sample-data provider whose loads wait for a gate, so a test decides how long a run stays
 * `running` (the engine yields to the event loop only in the simulation, not while building the
 * result, so a "slow" request alone does not keep a run observable).
 */
import { createSampleProvider } from "../../../src/engine/index.ts";
import type { MarketDataProvider } from "../../../src/engine/index.ts";

/** A provider plus the gate's controls. */
export interface GatedProvider {
  provider: MarketDataProvider;
  /** Lets every pending and future load through. */
  open(): void;
  /** Loads started so far. */
  readonly started: number;
}

/** Creates a closed gate. */
export function gatedProvider(): GatedProvider {
  const sample = createSampleProvider();
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let started = 0;
  return {
    provider: {
      source: "sample",
      async load(symbol, resolution, startMs, endMs) {
        started++;
        await gate;
        return sample.load(symbol, resolution, startMs, endMs);
      },
    },
    open: () => release(),
    get started() {
      return started;
    },
  };
}
