/** Optimisation request bodies the black-box suites send to real servers (issue 6). */
import { smallRunBody } from "./run-bodies.ts";

/** A quick grid: 6 `ma_crossover` trials over 2 sample symbols and 2 years, holdout validation. */
export function smallOptimizationBody(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: "small grid",
    search_space: { parameters: [
      { name: "short_period", kind: "int_range", low: 3, high: 9 },
      { name: "long_period", kind: "choice", values: [20, 40] },
    ] },
    strategy: "grid", grid_steps: 3, max_trials: 6, concurrency: 2,
    objective_metric: "sharpe_ratio", direction: "maximize",
    validation_mode: "holdout", validation_fraction: 0.3,
    base_backtest: smallRunBody({ start_date: "2021-01-01", end_date: "2023-01-01" }),
    ...extra,
  };
}

/**
 * A bayesian search that takes a few seconds on a local host (24 trials, each 11 backtests of 12
 * symbols over 8 years: 5 walk-forward windows), so it can be cancelled or restarted mid-way.
 */
export function slowOptimizationBody(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return smallOptimizationBody({
    name: "slow search",
    search_space: { parameters: [
      { name: "short_period", kind: "int_range", low: 2, high: 15 },
      { name: "long_period", kind: "int_range", low: 20, high: 80 },
    ] },
    strategy: "bayesian", max_trials: 24, concurrency: 2, random_seed: 7,
    validation_mode: "walk_forward", walk_forward_windows: 5, validation_fraction: 0.5,
    base_backtest: smallRunBody({
      symbols: ["AAPL", "MSFT", "NVDA", "AMZN", "GOOG", "META", "TSLA", "JPM", "XOM", "KO", "PEP", "WMT"],
      start_date: "2015-01-01", end_date: "2023-01-01",
    }),
    ...extra,
  });
}
