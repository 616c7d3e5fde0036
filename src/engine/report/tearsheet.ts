/** The result's `tearsheet`: a human-oriented summary built from the other result parts. */
import { monthlyReturns } from "../metrics/monthly.ts";
import type { SimulationOutput } from "../simulation-types.ts";
import type { BacktestRequest } from "../types.ts";
import { calendarKey } from "../util/time.ts";
import type { BacktestMetrics, SymbolContribution, Tearsheet } from "./result-types.ts";

/** How many symbols `top_contributors` / `top_detractors` list at most. */
export const TOP_SYMBOLS = 5;

/** Inputs of {@link buildTearsheet}. */
export interface TearsheetArgs {
  request: BacktestRequest;
  output: SimulationOutput;
  metrics: BacktestMetrics;
  timestamps: Float64Array;
  values: Float64Array;
  /** Benchmark total return, %, or null without a benchmark curve. */
  benchmarkReturnPct: number | null;
}

/** Builds the tearsheet; monthly returns are grouped in the request's time zone. */
export function buildTearsheet(args: TearsheetArgs): Tearsheet {
  const { request, output, metrics: m } = args;
  const tz = request.timezone;
  const contributions = symbolContributions(request.symbols, output);
  const positionsValue = Object.values(output.final_positions).reduce((s, p) => s + p.market_value, 0);
  return {
    overview: {
      strategy: request.strategy.name, symbols: [...request.symbols], start: request.start_date, end: request.end_date,
      resolution: request.resolution, currency: request.currency, initial_capital: request.initial_capital,
      final_value: m.final_value, total_return: m.total_return, annualized_return: m.annualized_return,
      sharpe_ratio: m.sharpe_ratio, max_drawdown: m.max_drawdown, total_trades: m.total_trades,
    },
    benchmark: request.benchmark_symbol === null ? null : {
      symbol: request.benchmark_symbol, total_return: args.benchmarkReturnPct, excess_return: m.excess_return,
      beta: m.beta, alpha: m.alpha, correlation: m.correlation,
    },
    portfolio: {
      final_cash: output.final_cash, final_positions_value: positionsValue,
      open_positions: Object.values(output.final_positions).filter((p) => p.shares !== 0).length,
      exposure_time_pct: m.exposure_time_pct, average_gross_exposure_pct: averageGrossExposure(output),
    },
    costs: {
      total_commissions: m.total_commissions, total_slippage_cost: m.total_slippage_cost,
      cost_pct_of_initial_capital: ((m.total_commissions + m.total_slippage_cost) / request.initial_capital) * 100,
    },
    monthly_returns: monthlyReturns(args.timestamps, args.values, request.initial_capital, (ms) => calendarKey(ms, tz, "month")),
    top_contributors: contributions.filter((c) => c.total_pnl > 0).slice(0, TOP_SYMBOLS),
    top_detractors: contributions.filter((c) => c.total_pnl < 0).sort(byPnl(1)).slice(0, TOP_SYMBOLS),
  };
}

function averageGrossExposure(output: SimulationOutput): number | null {
  const n = output.exposures.length;
  if (n === 0) return null;
  return output.exposures.reduce((s, e) => s + e.gross_exposure_pct, 0) / n;
}

/**
 * P&L per symbol, best first (ties by symbol): realised = Σ `realized_pnl` of its fills plus
 * the cash flows of its option trades; unrealised = its final position's `unrealized_pnl`.
 */
export function symbolContributions(symbols: readonly string[], output: SimulationOutput): SymbolContribution[] {
  const realized = new Map<string, number>(symbols.map((s) => [s, 0]));
  for (const f of output.fills) if (f.realized_pnl !== null) realized.set(f.symbol, (realized.get(f.symbol) ?? 0) + f.realized_pnl);
  for (const t of output.option_trades) realized.set(t.symbol, (realized.get(t.symbol) ?? 0) + t.cash_flow);
  const rows = [...realized.entries()].map(([symbol, r]) => {
    const unrealized = output.final_positions[symbol]?.unrealized_pnl ?? 0;
    return { symbol, realized_pnl: r, unrealized_pnl: unrealized, total_pnl: r + unrealized };
  });
  return rows.sort(byPnl(-1));
}

/** Orders by total P&L (ascending for 1, descending for −1), ties by symbol. */
function byPnl(direction: 1 | -1): (a: SymbolContribution, b: SymbolContribution) => number {
  return (a, b) => direction * (a.total_pnl - b.total_pnl) || (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0);
}
