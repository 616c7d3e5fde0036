/**
 * The synchronous core of the bar loop: one call of `step(k)` processes master timestamp `k`
 * (fills at opens, marks at closes, equity, decisions). `simulate` drives it.
 */
import { Broker } from "../execution/broker.ts";
import { createCostModels } from "../execution/cost-models.ts";
import { OptionDesk } from "../execution/option-desk.ts";
import { fillDelayBars, resolveExecutionSettings } from "../execution/settings.ts";
import type { EquitySample, ExposureSample } from "../simulation-types.ts";
import { resolveStrategyParams } from "../strategies/param-specs.ts";
import { createStrategy } from "../strategies/registry.ts";
import type { DecisionBook, Strategy } from "../strategies/strategy.ts";
import type { BacktestRequest, BarSeries, ExecutionSettings } from "../types.ts";
import { RESOLUTION_MS } from "../types.ts";
import { createDecisionBook } from "./decision-book.ts";
import type { BookState } from "./decision-book.ts";
import { masterTimeline } from "./timeline.ts";

/** Mutable state of one simulation run. */
export class SimulationRunner {
  readonly timeline: Float64Array;
  readonly settings: ExecutionSettings;
  readonly effectiveParams: Record<string, unknown>;
  readonly broker: Broker;
  readonly desk: OptionDesk;
  readonly strategy: Strategy;
  readonly equity: EquitySample[] = [];
  readonly exposures: ExposureSample[] = [];
  readonly barsTotal: number;
  barsProcessed = 0;
  readonly state: BookState;
  private readonly book: DecisionBook;
  private readonly cursor: Int32Array;
  private readonly withBar: Int32Array;

  constructor(request: BacktestRequest, private readonly series: readonly BarSeries[]) {
    this.timeline = masterTimeline(series);
    this.settings = resolveExecutionSettings(request.execution);
    this.effectiveParams = resolveStrategyParams(request.strategy.name, request.strategy.params);
    this.strategy = createStrategy(request.strategy.name, this.effectiveParams, { request, series });
    const delayBars = fillDelayBars(this.settings.latency_ms, RESOLUTION_MS[request.resolution]);
    const models = createCostModels(this.settings);
    this.broker = new Broker({
      series, settings: this.settings, initialCash: request.initial_capital, allowShort: this.strategy.allowShort,
      strategyId: request.strategy.name, delayBars, models,
    });
    const p = this.effectiveParams;
    const pricing = { volatility: (p.implied_volatility as number) ?? 0.25, riskFreeRate: request.risk_free_rate, dividendYield: (p.dividend_yield as number) ?? 0 };
    this.desk = new OptionDesk(series, this.broker, models.commission, pricing, delayBars, (p.days_to_expiry as number) ?? 30);
    this.state = { equity: request.initial_capital, peak: request.initial_capital, now: 0 };
    this.book = createDecisionBook(this.broker, this.desk, this.state, series.length);
    this.cursor = new Int32Array(series.length);
    this.withBar = new Int32Array(series.length);
    this.barsTotal = series.reduce((n, s) => n + s.timestamps.length, 0);
  }

  /** Processes master timestamp `k`; returns the equity sample it recorded. */
  step(k: number): EquitySample {
    const t = this.timeline[k];
    this.state.now = t;
    const count = this.fillAndMark(t);
    const sample = this.record(t);
    const onBar = this.strategy.onBar;
    for (let j = 0; j < count; j++) {
      const s = this.withBar[j];
      if (onBar !== undefined) onBar.call(this.strategy, s, this.cursor[s], this.book);
    }
    this.strategy.onStep?.(t, this.book);
    for (let j = 0; j < count; j++) this.cursor[this.withBar[j]]++;
    return sample;
  }

  /** Cancels what is still pending after the last step. */
  finish(): void {
    const last = this.timeline.length > 0 ? this.timeline[this.timeline.length - 1] : 0;
    this.broker.finish(last);
  }

  /**
   * The open and close of timestamp `t` for every symbol with a bar there (listed in `withBar`;
   * returns their number). Phases, each over those symbols in request order: (1) due sells at
   * the open (sells at the head of each symbol's queue); (2) the remaining due orders, i.e. the
   * buys; (3) per symbol, a due option write at the open, then the mark at the close and any
   * option settlement. Sells go first so that buys decided together with them (a rebalance) are
   * capped by the cash after the sales, not before. No allocation: reuses `withBar`.
   */
  private fillAndMark(t: number): number {
    const { broker, desk, series, cursor, withBar } = this;
    let count = 0;
    for (let s = 0; s < series.length; s++) {
      const c = cursor[s];
      const times = series[s].timestamps;
      if (c >= times.length || times[c] !== t) continue;
      withBar[count++] = s;
      broker.current[s] = c;
    }
    for (let j = 0; j < count; j++) broker.fillDueSells(withBar[j], cursor[withBar[j]]);
    for (let j = 0; j < count; j++) broker.fillDue(withBar[j], cursor[withBar[j]]);
    const closes = broker.ledger.lastClose;
    for (let j = 0; j < count; j++) {
      const s = withBar[j];
      const c = cursor[s];
      if (desk.active) desk.onOpen(s, c);
      closes[s] = series[s].close[c];
      if (desk.active) desk.onClose(s, c);
    }
    this.barsProcessed += count;
    return count;
  }

  private record(t: number): EquitySample {
    const { position, lastClose } = this.broker.ledger;
    let long = 0;
    let short = 0;
    for (let s = 0; s < position.length; s++) {
      const v = position[s] * lastClose[s];
      if (v > 0) long += v;
      else short += v;
    }
    if (this.desk.active) short -= this.desk.liability();
    const positions = long + short;
    const cash = this.broker.ledger.cash;
    const value = cash + positions;
    this.state.equity = value;
    if (value > this.state.peak) this.state.peak = value;
    const sample: EquitySample = { timestamp: t, value, cash, positions };
    this.equity.push(sample);
    const pct = value > 0 ? 100 / value : 0;
    this.exposures.push({
      timestamp: t, long_value: long, short_value: short,
      gross_exposure_pct: (long - short) * pct, net_exposure_pct: (long + short) * pct,
    });
    return sample;
  }
}
