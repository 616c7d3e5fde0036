/**
 * Fan-out of a run's appended events to its subscribers. The store stays the source of truth:
 * subscribers pull from it (see `subscriber.ts`); the hub only notifies them and keeps a small
 * ring of each run's most recent events so that live delivery rarely needs a store read.
 */
import type { StreamEvent } from "./stream-protocol.ts";

/** Events kept in memory per run with subscribers. */
const RING_SIZE = 512;

/** Something that wants to hear about new events of a run. */
export interface EventListener {
  notify(): void;
}

interface RunChannel {
  listeners: Set<EventListener>;
  /** Contiguous most recent events appended in this process. */
  ring: StreamEvent[];
}

/** Reads events after a cursor, from the ring when it covers the cursor, else from the store. */
export interface EventReader {
  read(runId: string, afterId: number, limit: number): Promise<StreamEvent[]>;
}

/** The hub of one process (or one Durable Object). */
export class EventHub implements EventReader {
  private readonly channels = new Map<string, RunChannel>();

  constructor(private readonly store: { readEvents(id: string, afterId: number, limit: number): Promise<StreamEvent[]> }) {}

  /** Registers `listener` for `runId`; returns the function that removes it. */
  listen(runId: string, listener: EventListener): () => void {
    let channel = this.channels.get(runId);
    if (!channel) {
      channel = { listeners: new Set(), ring: [] };
      this.channels.set(runId, channel);
    }
    channel.listeners.add(listener);
    return () => {
      const current = this.channels.get(runId);
      if (!current) return;
      current.listeners.delete(listener);
      if (current.listeners.size === 0) this.channels.delete(runId);
    };
  }

  /** Called after `events` were stored; remembers them and wakes every listener of the run. */
  publish(runId: string, events: readonly StreamEvent[]): void {
    const channel = this.channels.get(runId);
    if (!channel || events.length === 0) return;
    const last = channel.ring[channel.ring.length - 1];
    // A gap (events appended before the first listener came) restarts the ring.
    if (last !== undefined && last.event_id + 1 !== events[0].event_id) channel.ring = [];
    channel.ring.push(...events);
    if (channel.ring.length > RING_SIZE) channel.ring.splice(0, channel.ring.length - RING_SIZE);
    for (const listener of [...channel.listeners]) listener.notify();
  }

  /** Number of listeners of `runId` (for tests and diagnostics). */
  listenerCount(runId: string): number {
    return this.channels.get(runId)?.listeners.size ?? 0;
  }

  async read(runId: string, afterId: number, limit: number): Promise<StreamEvent[]> {
    const ring = this.channels.get(runId)?.ring;
    if (ring && ring.length > 0 && ring[0].event_id <= afterId + 1) {
      const start = afterId + 1 - ring[0].event_id;
      if (start < ring.length) return ring.slice(start, start + limit);
      if (start === ring.length) return [];
    }
    return this.store.readEvents(runId, afterId, limit);
  }
}
