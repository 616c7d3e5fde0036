/**
 * The requests the crash loop sends, and their expected `content_hash` from a clean in-process
 * `runBacktest` of the same request (the engine is deterministic, so a run resumed after any
 * number of kills must end with exactly this hash).
 */
import { createSampleProvider, normalizeBacktestRequest, runBacktest } from "../../src/engine/index.ts";

const BASE = {
  symbols: ["AAPL", "MSFT"], start_date: "2022-01-01", end_date: "2023-01-01", data_source: "sample", resolution: "day",
  strategy: { name: "ma_crossover", params: { short_period: 5, long_period: 20 } }, benchmark_symbol: "SPY",
};

/**
 * A fast daily run, and two minute-bar runs that take about a second on the server, so that
 * kills land while runs are queued, mid-simulation, or while results are built.
 */
export const CRASH_BODIES: readonly Record<string, unknown>[] = [
  BASE,
  { ...BASE, symbols: ["AAPL", "MSFT", "NVDA", "AMZN"], resolution: "minute", start_date: "2022-01-01", end_date: "2022-03-01", benchmark_symbol: null },
  { ...BASE, symbols: ["JPM", "XOM", "KO"], resolution: "minute", start_date: "2022-04-01", end_date: "2022-06-01", benchmark_symbol: null, strategy: { name: "rsi", params: {} } },
];

/** `content_hash` of each of `bodies`, computed in this process. */
export async function expectedHashes(bodies: readonly Record<string, unknown>[]): Promise<string[]> {
  const hashes: string[] = [];
  for (const [i, body] of bodies.entries()) {
    const request = normalizeBacktestRequest(body, { runtime: "node", csvAllowed: false });
    const result = await runBacktest({ runId: `clean-${i}`, request, provider: createSampleProvider() });
    hashes.push(result.content_hash);
  }
  return hashes;
}
