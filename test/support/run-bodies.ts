/** Backtest request bodies and the dataset CSV the black-box suites send to real servers. */
import { readFileSync } from "node:fs";

/** A small run: 2 sample symbols, one year of daily bars, `ma_crossover` (well under a second). */
export function smallRunBody(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    symbols: ["AAPL", "MSFT"], start_date: "2022-01-01", end_date: "2023-01-01", data_source: "sample", resolution: "day",
    strategy: { name: "ma_crossover", params: { short_period: 5, long_period: 20 } }, benchmark_symbol: "SPY", ...extra,
  };
}

/** A run over the uploaded `AAA` daily series (see `AAA_DAILY_CSV`). */
export function datasetRunBody(): Record<string, unknown> {
  return smallRunBody({ data_source: "dataset", symbols: ["AAA"], benchmark_symbol: null, start_date: "2023-01-01", end_date: "2023-09-01" });
}

/**
 * A run that takes seconds on a local host: a year of minute bars of 12 sample symbols (about
 * 1.2 M bars; the simulation takes a few hundred ms, building the result a few seconds), so a
 * process can be killed while it is clearly mid-way.
 */
export function longRunBody(): Record<string, unknown> {
  return smallRunBody({
    symbols: ["AAPL", "MSFT", "NVDA", "AMZN", "GOOG", "META", "TSLA", "JPM", "XOM", "KO", "PEP", "WMT"],
    resolution: "minute", start_date: "2022-01-01", end_date: "2023-01-01", benchmark_symbol: null,
  });
}

/** 160 daily bars of `AAA`, 2023-01-02 … 2023-08-11. */
export const AAA_DAILY_CSV = readFileSync(new URL("../fixtures/csv/AAA_1d.csv", import.meta.url), "utf8");
