/**
 * Batched, serialised appends of one run's events. Events are buffered and written together
 * (after `maxDelayMs` or `maxEvents`), so a fast run does not write one transaction per event;
 * a state change is written at once, together with whatever is buffered. Every append goes
 * through one promise chain, and each stored batch is published to the hub right after.
 */
import type { EventHub } from "./event-hub.ts";
import type { RunStore } from "./run-store.ts";
import type { RunEvent, RunEventDraft, RunStatusPatch } from "./run-types.ts";

/** When buffered events are written. */
export interface BatchOptions {
  maxEvents: number;
  maxDelayMs: number;
}

/** Default batching: every 100 ms or 64 events. */
export const DEFAULT_BATCH: BatchOptions = { maxEvents: 64, maxDelayMs: 100 };

/** The writer of one run's events. */
export class EventWriter {
  private pending: RunEventDraft[] = [];
  private patch: RunStatusPatch = {};
  private chain: Promise<unknown> = Promise.resolve();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private failure: unknown = null;
  private terminal = false;

  constructor(
    private readonly store: Pick<RunStore, "appendEvents">,
    private readonly hub: Pick<EventHub, "publish">,
    private readonly runId: string,
    private readonly batch: BatchOptions = DEFAULT_BATCH,
  ) {}

  /** True once a terminal state was committed. */
  get isTerminal(): boolean {
    return this.terminal;
  }

  /** Buffers one event (and a status patch that goes with it). */
  add(draft: RunEventDraft, patch?: RunStatusPatch): void {
    if (this.terminal) return;
    this.pending.push(draft);
    if (patch) Object.assign(this.patch, patch);
    if (this.pending.length >= this.batch.maxEvents) void this.flush().catch(() => undefined);
    else this.timer ??= setTimeout(() => void this.flush().catch(() => undefined), this.batch.maxDelayMs);
  }

  /** Writes the buffered events now. */
  flush(): Promise<RunEvent[]> {
    return this.enqueue([], undefined, false);
  }

  /** Writes the buffered events and `drafts` in one append, with `patch`. */
  commit(drafts: RunEventDraft[], patch?: RunStatusPatch): Promise<RunEvent[]> {
    return this.enqueue(drafts, patch, false);
  }

  /**
   * Like `commit` for a terminal transition; resolves with null (writing nothing) when another
   * terminal transition was committed first, so exactly one terminal state is ever stored.
   */
  async commitTerminal(drafts: RunEventDraft[], patch: RunStatusPatch): Promise<RunEvent[] | null> {
    let won = false;
    const events = await this.enqueue(drafts, patch, true, () => (won = true));
    return won ? events : null;
  }

  private enqueue(drafts: RunEventDraft[], patch: RunStatusPatch | undefined, terminal: boolean, onWin?: () => void): Promise<RunEvent[]> {
    const run = async (): Promise<RunEvent[]> => {
      if (this.failure !== null) throw this.failure;
      if (this.terminal && (terminal || drafts.length > 0)) return [];
      if (terminal) {
        this.terminal = true;
        onWin?.();
      }
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      const all = [...this.pending, ...drafts];
      const merged = { ...this.patch, ...patch };
      this.pending = [];
      this.patch = {};
      if (all.length === 0 && Object.keys(merged).length === 0) return [];
      try {
        const events = await this.store.appendEvents(this.runId, all, merged);
        this.hub.publish(this.runId, events);
        return events;
      } catch (error) {
        this.failure = error;
        throw error;
      }
    };
    const next = this.chain.then(run, run);
    this.chain = next.catch(() => undefined);
    return next;
  }

  /** Drops the timer (the run ended or the service stops). */
  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
