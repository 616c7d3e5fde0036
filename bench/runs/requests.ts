/** Request bodies of the run benchmarks. */

/** `SYM001`…: synthetic tickers (sample data accepts any ticker). */
export function benchSymbols(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `S${String(i + 1).padStart(3, "0")}`);
}

/** The issue-4 run: `count` symbols × 10 years of daily `ma_crossover` on sample data. */
export function bigRunBody(count: number): Record<string, unknown> {
  return {
    symbols: benchSymbols(count), start_date: "2014-01-01", end_date: "2024-01-01", resolution: "day",
    strategy: { name: "ma_crossover", params: {} }, initial_capital: 1_000_000, data_source: "sample",
  };
}

/** A run with a long live phase: `count` equities of minute bars over four months of `rsi`. */
export function streamRunBody(count: number): Record<string, unknown> {
  return {
    symbols: benchSymbols(count), start_date: "2023-01-01", end_date: "2023-05-01", resolution: "minute",
    strategy: { name: "rsi", params: {} }, initial_capital: 1_000_000, data_source: "sample",
  };
}
