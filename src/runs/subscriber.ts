/**
 * One stream subscriber: a cursor (last sent event id) plus a sink. Delivery is pull-based: on
 * subscribe and on every append notification the subscriber is "pumped" — it reads the events
 * after its cursor, sends them in order and advances the cursor. A pump never runs twice at once
 * (a dirty flag re-runs it), which gives backlog then live with no gap and no duplicate, also for
 * events appended while the backlog is being sent.
 */
import type { EventHub } from "./event-hub.ts";
import { isTerminal } from "./run-types.ts";
import type { RunState } from "./run-types.ts";
import type { StreamEvent } from "./stream-protocol.ts";

/** How full a sink is right now. */
export type SinkCapacity = "open" | "full" | "overflow";

/** Where a subscriber's events go (a WebSocket, an SSE stream, a test array). */
export interface SubscriberSink {
  /** `full`: stop sending for now; `overflow`: give up on this subscriber. */
  capacity(): SinkCapacity;
  send(events: readonly StreamEvent[]): void;
  /** The terminal event was sent: finish normally. */
  end(): void;
  /** The subscriber fell too far behind: close so it can resume later. */
  overflow(): void;
}

/** Timing of the wait on a full sink. */
export interface BackpressureOptions {
  /** Retry a full sink after this many ms; 0 = wait for `pump()` from the sink itself (SSE pull). */
  retryMs: number;
  /** A sink full for longer than this is treated as overflowing. */
  stallMs: number;
}

const PAGE = 256;

/**
 * True for a `state` event of a terminal state. A stream ends after one only when it is the last
 * event of the log (an optimisation's `cancelled` may be followed by its resume).
 */
export function isTerminalEvent(event: StreamEvent): boolean {
  return event.type === "state" && isTerminal(event.payload.state as RunState);
}

/** A subscriber of one run. Call `start()` once; `stop()` when the client goes away. */
export class Subscriber {
  private cursor: number;
  private pumping = false;
  private dirty = false;
  private done = false;
  private fullSince: number | null = null;
  private retry: ReturnType<typeof setTimeout> | null = null;
  private unlisten: (() => void) | null = null;

  constructor(
    private readonly hub: EventHub,
    private readonly runId: string,
    afterId: number,
    private readonly sink: SubscriberSink,
    private readonly backpressure: BackpressureOptions,
    /** Whether the run is already terminal with nothing after `afterId` (then the sink ends at once). */
    private readonly isFinished: (cursor: number) => Promise<boolean>,
  ) {
    this.cursor = afterId;
  }

  /** Last event id sent. */
  get lastSentId(): number {
    return this.cursor;
  }

  /** Starts listening and sends the backlog. */
  start(): void {
    this.unlisten = this.hub.listen(this.runId, { notify: () => this.pump() });
    this.pump(true);
  }

  /** Stops for good (client gone, or finished). */
  stop(): void {
    this.done = true;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    this.unlisten?.();
    this.unlisten = null;
  }

  /** Sends whatever is after the cursor; safe to call at any time. */
  pump(first = false): void {
    if (this.done) return;
    if (this.pumping) {
      this.dirty = true;
      return;
    }
    this.pumping = true;
    this.drain(first)
      .catch(() => {
        // A store failure ends this subscriber as if it had fallen behind: it can resume.
        if (!this.done) this.finish(() => this.sink.overflow());
      })
      .finally(() => {
        this.pumping = false;
        if (this.dirty && !this.done) {
          this.dirty = false;
          this.pump();
        }
      });
  }

  private async drain(first: boolean): Promise<void> {
    do {
      this.dirty = false;
      for (;;) {
        if (!this.hasRoom()) return;
        const events = await this.hub.read(this.runId, this.cursor, PAGE);
        if (this.done) return;
        if (events.length === 0) break;
        this.deliver(events);
        if (isTerminalEvent(events[events.length - 1]) && (await this.isFinished(this.cursor))) return this.finish(() => this.sink.end());
        if (this.done) return;
        if (events.length < PAGE && !this.dirty) break;
      }
      if (first) {
        first = false;
        if (await this.isFinished(this.cursor)) return this.finish(() => this.sink.end());
      }
    } while (this.dirty && !this.done);
  }

  private deliver(events: readonly StreamEvent[]): void {
    this.sink.send(events);
    this.cursor = events[events.length - 1].event_id;
  }

  private hasRoom(): boolean {
    const capacity = this.sink.capacity();
    if (capacity === "open") {
      this.fullSince = null;
      return true;
    }
    const now = Date.now();
    this.fullSince ??= now;
    if (capacity === "overflow" || now - this.fullSince >= this.backpressure.stallMs) {
      this.finish(() => this.sink.overflow());
      return false;
    }
    if (this.backpressure.retryMs > 0 && this.retry === null) {
      this.retry = setTimeout(() => {
        this.retry = null;
        this.pump();
      }, this.backpressure.retryMs);
    }
    return false;
  }

  private finish(close: () => void): void {
    this.stop();
    close();
  }
}
