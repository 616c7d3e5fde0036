/** Builds a strategy from its name and effective parameters. */
import type { RsiSmoothing } from "../indicators/rsi.ts";
import { EngineValidationError } from "../types.ts";
import { createBuyAndHold } from "./buy-and-hold.ts";
import { createCoveredCall } from "./covered-call.ts";
import { createMaCrossover } from "./ma-crossover.ts";
import { createMeanReversion } from "./mean-reversion.ts";
import { createMomentum } from "./momentum.ts";
import { createRsiStrategy } from "./rsi-strategy.ts";
import type { Strategy, StrategyContext } from "./strategy.ts";
import { createTargetWeights } from "./target-weights.ts";

/**
 * The strategy `name` with `params` as returned by `resolveStrategyParams` (defaults filled in,
 * validated). Indicators are precomputed here, once per symbol. Throws `EngineValidationError`
 * for an unknown name, or for `target_weights` without `portfolio_construction`.
 */
export function createStrategy(name: string, params: Record<string, unknown>, ctx: StrategyContext): Strategy {
  const closes = ctx.series.map((s) => s.close);
  const num = (key: string) => params[key] as number;
  switch (name) {
    case "buy_and_hold":
      return createBuyAndHold({ position_size: num("position_size") }, closes);
    case "ma_crossover":
      return createMaCrossover(
        { short_period: num("short_period"), long_period: num("long_period"), position_size: num("position_size"), allow_short: params.allow_short === true },
        closes,
      );
    case "momentum":
      return createMomentum(
        { lookback_period: num("lookback_period"), momentum_threshold: num("momentum_threshold"), rebalance_frequency: num("rebalance_frequency"), position_size: num("position_size") },
        closes,
      );
    case "mean_reversion":
      return createMeanReversion(
        {
          lookback_period: num("lookback_period"), entry_threshold: num("entry_threshold"), exit_threshold: num("exit_threshold"),
          position_size: num("position_size"), max_position_size: num("max_position_size"), allow_short: params.allow_short === true,
        },
        closes,
      );
    case "rsi":
      return createRsiStrategy(
        {
          lookback_period: num("lookback_period"), oversold_threshold: num("oversold_threshold"), overbought_threshold: num("overbought_threshold"),
          smoothing: params.smoothing as RsiSmoothing, position_size: num("position_size"),
        },
        closes,
      );
    case "covered_call":
      return createCoveredCall(
        { contracts: num("contracts"), call_otm_pct: num("call_otm_pct"), days_to_expiry: num("days_to_expiry"), implied_volatility: num("implied_volatility"), dividend_yield: num("dividend_yield") },
        closes,
      );
    case "target_weights":
      return targetWeights(ctx);
    default:
      throw new EngineValidationError([{ loc: ["strategy", "name"], msg: `unknown strategy '${name}'`, type: "unknown_strategy" }]);
  }
}

function targetWeights(ctx: StrategyContext): Strategy {
  const spec = ctx.request.portfolio_construction;
  if (spec === null) {
    throw new EngineValidationError([{ loc: ["portfolio_construction"], msg: "strategy 'target_weights' needs portfolio_construction", type: "missing" }]);
  }
  return createTargetWeights(spec, ctx.series.map((s) => s.symbol), ctx.request.timezone);
}
