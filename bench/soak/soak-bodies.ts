/** Request bodies of the soak: small daily sample runs, and longer minute-bar runs to stream. */

const STRATEGIES = ["ma_crossover", "rsi", "momentum", "buy_and_hold", "mean_reversion"];

/** The `n`th small run: 2 daily sample symbols over a year, strategies in rotation (well under a second). */
export function smallSoakBody(n: number): Record<string, unknown> {
  return {
    symbols: [`S${String(n % 50).padStart(3, "0")}`, "AAPL"], start_date: "2022-01-01", end_date: "2023-01-01", resolution: "day",
    data_source: "sample", strategy: { name: STRATEGIES[n % STRATEGIES.length], params: {} },
  };
}

/** The `n`th streamed run: 3 minute-bar sample symbols over two months (about a second live). */
export function streamSoakBody(n: number): Record<string, unknown> {
  return {
    symbols: ["AAPL", "MSFT", `S${String(n % 50).padStart(3, "0")}`], start_date: "2022-01-01", end_date: "2022-03-01", resolution: "minute",
    data_source: "sample", strategy: { name: "ma_crossover", params: {} },
  };
}
