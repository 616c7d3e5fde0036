/** The `DecisionBook` a strategy acts through, backed by the broker and the option desk. */
import type { Broker } from "../execution/broker.ts";
import type { OptionDesk } from "../execution/option-desk.ts";
import type { DecisionBook } from "../strategies/strategy.ts";

/** Equity figures the loop updates at every master timestamp. */
export interface BookState {
  equity: number;
  /** Running peak of equity, starting at the initial capital. */
  peak: number;
  /** Current master timestamp (UTC ms): decisions are stamped with it. */
  now: number;
}

/**
 * One book object for the whole run (no allocation per decision). Orders are stamped with the
 * current master timestamp, which is the decision bar's timestamp.
 */
export function createDecisionBook(broker: Broker, desk: OptionDesk, state: BookState, symbolCount: number): DecisionBook {
  const ledger = broker.ledger;
  return {
    get equity() {
      return state.equity;
    },
    get peakEquity() {
      return state.peak;
    },
    get cash() {
      return ledger.cash;
    },
    symbolCount,
    position: (s) => ledger.position[s],
    pending: (s) => broker.pending[s],
    lastClose: (s) => ledger.lastClose[s],
    lotStep: (s) => ledger.step[s],
    setTarget: (s, target) => broker.setTarget(s, target, state.now),
    options: desk,
  };
}
