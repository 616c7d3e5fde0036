/**
 * Turns strategy targets into market orders and fills them at later bars' opens
 * (engine spec §4): slippage, commission, volume cap, cash cap, no unintended shorts.
 */
import type { BarSeries, ExecutionSettings } from "../types.ts";
import type { EngineLogLine, Fill, OrderEvent } from "../simulation-types.ts";
import { createCostModels } from "./cost-models.ts";
import type { CommissionModel, SlippageModel } from "./cost-models.ts";
import { Ledger } from "./ledger.ts";
import { OrderQueues } from "./order-queue.ts";
import type { PendingOrder } from "./order-queue.ts";
import { lotStep, roundToStep, truncToStep } from "./quantity.ts";
import { limitFill } from "./fill-limits.ts";

/** What a broker needs to know about a run. */
export interface BrokerOptions {
  series: readonly BarSeries[];
  settings: ExecutionSettings;
  initialCash: number;
  /** When false, sells never take a position below zero. */
  allowShort: boolean;
  strategyId: string;
  /** Bars between decision and fill (≥ 1), see `fillDelayBars`. */
  delayBars: number;
  models?: { slippage: SlippageModel; commission: CommissionModel };
}

/** Order routing, fills and the records they produce. */
export class Broker {
  readonly ledger: Ledger;
  readonly fills: Fill[] = [];
  readonly orderEvents: OrderEvent[] = [];
  readonly logs: EngineLogLine[] = [];
  /** Signed quantity of each symbol's orders not yet filled or cancelled. */
  readonly pending: Float64Array;
  /** Index of each symbol's latest processed bar (−1 before its first). */
  readonly current: Int32Array;
  private readonly queues: OrderQueues;
  private readonly slippage: SlippageModel;
  private readonly commission: CommissionModel;
  private nextOrderId = 1;

  constructor(private readonly opts: BrokerOptions) {
    const n = opts.series.length;
    this.ledger = new Ledger(opts.initialCash, opts.series.map((s) => lotStep(s.symbol)));
    this.pending = new Float64Array(n);
    this.current = new Int32Array(n).fill(-1);
    this.queues = new OrderQueues(n);
    const models = opts.models ?? createCostModels(opts.settings);
    this.slippage = models.slippage;
    this.commission = models.commission;
  }

  /** Orders the difference between `target` (signed quantity) and position + pending, decided at `t`. */
  setTarget(s: number, target: number, t: number): void {
    const goal = this.opts.allowShort ? target : Math.max(0, target);
    const step = this.ledger.step[s];
    const qty = truncToStep(goal - this.ledger.position[s] - this.pending[s], step);
    if (qty !== 0) this.submit(s, qty, t);
  }

  /** Submits a market order of signed `qty` at decision time `t`; it fills `delayBars` bars later. */
  submit(s: number, qty: number, t: number): void {
    const id = this.nextOrderId++;
    this.queues.push({ id, symbol: s, qty, dueIndex: this.current[s] + this.opts.delayBars });
    this.pending[s] = roundToStep(this.pending[s] + qty, this.ledger.step[s]);
    this.event(t, id, s, "submitted", qty, 0, null);
  }

  /** Fills every order of symbol `s` due at bar `i`, at that bar's open, oldest first. */
  fillDue(s: number, i: number): void {
    let order: PendingOrder | undefined;
    while ((order = this.queues.popDue(s, i)) !== undefined) this.execute(order, i);
  }

  /**
   * Fills the sells at the head of symbol `s`'s queue that are due at bar `i` (oldest first,
   * stopping at the first buy so the symbol's own orders keep their order). The loop calls this
   * for every symbol of a timestamp before {@link fillDue}, so sale proceeds are in cash before
   * any buy of that timestamp is capped by cash.
   */
  fillDueSells(s: number, i: number): void {
    let order: PendingOrder | undefined;
    while ((order = this.queues.popDueSell(s, i)) !== undefined) this.execute(order, i);
  }

  /**
   * Books a sell of `qty` at exactly `price` (option assignment: no slippage, the normal
   * commission) and records it as its own order.
   */
  assign(s: number, qty: number, price: number, t: number, reason: string): void {
    const id = this.nextOrderId++;
    this.event(t, id, s, "submitted", -qty, 0, reason);
    this.book(s, id, t, -qty, price, price);
    this.event(t, id, s, "filled", -qty, qty, reason);
  }

  /** Cancels every order still pending at the end of the run (time `t`). */
  finish(t: number): void {
    for (const order of this.queues.drain()) {
      this.pending[order.symbol] = 0;
      const reason = "end of data: no later bar to fill at";
      this.event(t, order.id, order.symbol, "cancelled", order.qty, 0, reason);
      this.log(t, "info", `order ${order.id} ${this.name(order.symbol)} cancelled: ${reason}`);
    }
  }

  private execute(order: PendingOrder, i: number): void {
    const s = order.symbol;
    const bars = this.opts.series[s];
    const t = bars.timestamps[i];
    this.pending[s] = roundToStep(this.pending[s] - order.qty, this.ledger.step[s]);
    const side = order.qty > 0 ? 1 : -1;
    const open = bars.open[i];
    const price = this.slippage.fillPrice(open, side);
    const limit = limitFill({
      requested: Math.abs(order.qty),
      side,
      price,
      open,
      volume: bars.volume[i],
      position: this.ledger.position[s],
      cash: this.ledger.cash,
      step: this.ledger.step[s],
      allowShort: this.opts.allowShort,
      participation: this.opts.settings.max_volume_participation,
      commission: this.commission,
    });
    if (limit.qty > 0) this.book(s, order.id, t, side * limit.qty, price, open);
    this.recordOutcome(order, t, limit.qty, limit.reason, limit.rejected);
  }

  private recordOutcome(order: PendingOrder, t: number, filled: number, reason: string | null, rejected: boolean): void {
    const requested = Math.abs(order.qty);
    if (filled === requested) {
      this.event(t, order.id, order.symbol, "filled", order.qty, filled, null);
      return;
    }
    if (filled > 0) this.event(t, order.id, order.symbol, "partially_filled", order.qty, filled, reason);
    const kind = filled === 0 && rejected ? "rejected" : "cancelled";
    const rest = roundToStep(requested - filled, this.ledger.step[order.symbol]);
    this.event(t, order.id, order.symbol, kind, order.qty, 0, reason);
    this.log(t, "warn", `order ${order.id} ${this.name(order.symbol)}: ${rest} of ${requested} ${kind} (${reason})`);
  }

  private book(s: number, id: number, t: number, qty: number, price: number, reference: number): void {
    const shares = Math.abs(qty);
    const commission = this.commission.commission(shares, price);
    const before = this.ledger.position[s];
    const realized = this.ledger.apply(s, qty, price, commission);
    const after = this.ledger.position[s];
    this.fills.push({
      timestamp: t,
      symbol: this.name(s),
      action: qty > 0 ? "BUY" : "SELL",
      shares,
      price,
      commission,
      slippage_cost: Math.abs(price - reference) * shares,
      realized_pnl: realized,
      // Ends a round trip: flat afterwards, or crossed through zero (the ledger rounds to the step).
      closesPosition: before !== 0 && (after === 0 || Math.sign(after) !== Math.sign(before)),
      strategy_id: this.opts.strategyId,
      order_id: id,
    });
  }

  private event(t: number, id: number, s: number, event: OrderEvent["event"], requested: number, filled: number, reason: string | null): void {
    this.orderEvents.push({ timestamp: t, order_id: id, symbol: this.name(s), event, requested_shares: requested, filled_shares: filled, reason });
  }

  private log(t: number, level: EngineLogLine["level"], message: string): void {
    this.logs.push({ timestamp: t, level, message });
  }

  private name(s: number): string {
    return this.opts.series[s].symbol;
  }
}
