/** Pending market orders per symbol, first in first out. */

/** A market order waiting for its fill bar. */
export interface PendingOrder {
  readonly id: number;
  readonly symbol: number;
  /** Signed requested quantity (positive buy). */
  readonly qty: number;
  /** Index, in its symbol's series, of the bar whose open fills it. */
  readonly dueIndex: number;
}

/**
 * FIFO queues of pending orders, one per symbol. All orders of a symbol share one fill delay,
 * so due bars are non-decreasing within a queue. Consumed orders are dropped by advancing a
 * head index and compacting when a queue drains (no shifting per fill).
 */
export class OrderQueues {
  private readonly queues: PendingOrder[][];
  private readonly heads: Int32Array;

  constructor(symbolCount: number) {
    this.queues = Array.from({ length: symbolCount }, () => []);
    this.heads = new Int32Array(symbolCount);
  }

  /** Appends an order to its symbol's queue. */
  push(order: PendingOrder): void {
    this.queues[order.symbol].push(order);
  }

  /** The oldest order of `symbol` due at or before bar `index`, removed; else `undefined`. */
  popDue(symbol: number, index: number): PendingOrder | undefined {
    return this.pop(symbol, index, false);
  }

  /**
   * The oldest order of `symbol` when it is due at or before bar `index` and is a sell
   * (negative quantity), removed; else `undefined` (also when a buy is ahead of it: FIFO holds).
   */
  popDueSell(symbol: number, index: number): PendingOrder | undefined {
    return this.pop(symbol, index, true);
  }

  private pop(symbol: number, index: number, sellsOnly: boolean): PendingOrder | undefined {
    const q = this.queues[symbol];
    const h = this.heads[symbol];
    if (h >= q.length || q[h].dueIndex > index || (sellsOnly && q[h].qty > 0)) return undefined;
    const order = q[h];
    if (h + 1 === q.length) {
      q.length = 0;
      this.heads[symbol] = 0;
    } else {
      this.heads[symbol] = h + 1;
    }
    return order;
  }

  /** Removes and returns every order still queued, symbol by symbol, oldest first. */
  drain(): PendingOrder[] {
    const out: PendingOrder[] = [];
    for (let s = 0; s < this.queues.length; s++) {
      const q = this.queues[s];
      for (let k = this.heads[s]; k < q.length; k++) out.push(q[k]);
      q.length = 0;
      this.heads[s] = 0;
    }
    return out;
  }
}
