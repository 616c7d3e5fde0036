/** Worker-thread side of the trial data: a `MarketDataProvider` over a packed {@link TrialData}. */
import { EngineValidationError } from "../../../engine/index.ts";
import type { LoadedSeries, MarketDataProvider, Resolution } from "../../../engine/index.ts";
import type { LoadFailure, TrialData } from "./trial-data.ts";
import { loadedFrom, rangeKey } from "./trial-data.ts";

/**
 * Serves exactly what the main thread's provider answered for each symbol and range of the
 * optimisation (bars as views of the shared buffers, no copy); a recorded failure is thrown again
 * with the same name, message and issues. A range that was not loaded up front is a bug in the
 * pool, reported as such.
 */
export function createSharedDataProvider(data: TrialData): MarketDataProvider {
  return {
    source: data.source,
    async load(symbol: string, resolution: Resolution, startMs: number, endMs: number): Promise<LoadedSeries> {
      const entry = data.symbols[symbol];
      const answer = entry?.ranges[rangeKey(startMs, endMs)];
      if (answer === undefined) throw new Error(`trial pool: ${symbol} ${resolution} [${startMs}, ${endMs}) was not loaded for this optimisation`);
      if (answer.kind === "error") throw rebuild(answer.error);
      return loadedFrom(entry.full, answer);
    },
  };
}

function rebuild(failure: LoadFailure): Error {
  if (failure.issues !== null) return new EngineValidationError(failure.issues);
  const error = new Error(failure.message);
  error.name = failure.name;
  return error;
}
