/**
 * Fan-out of a run's appended events to its subscribers. The store stays the source of truth:
 * subscribers pull from it (see `subscriber.ts`); the hub only notifies them and keeps a small
 * ring of each run's most recent events so that live delivery rarely needs a store read.
 *
 * Events stored before a run's first subscriber came are not in the ring, and subscribers that
 * join together (a dashboard fleet following a new run from `last_event_id=0`) would all read
 * the same pages of them. So while a run has listeners the hub shares its store reads: identical
 * reads in flight are one read; a read that reached the end of the log and joins the ring extends
 * the ring backwards (later readers get both from memory); and other full pages (stored events
 * never change) are kept for later readers, a few per run. With `lingerMs`, a run's channel (its
 * ring and pages) outlives its last listener by that long, for the subscribers that arrive just
 * after a short run ended.
 */
import type { StreamEvent } from "./stream-protocol.ts";

/** Events kept in memory per run with subscribers. */
const RING_SIZE = 512;
/** Store pages kept per run with subscribers (each at most one subscriber page of events). */
const MAX_SHARED_PAGES = 8;

/** Something that wants to hear about new events of a run. */
export interface EventListener {
  notify(): void;
}

interface RunChannel {
  listeners: Set<EventListener>;
  /** Contiguous most recent events appended in this process. */
  ring: StreamEvent[];
  /** Store reads by `afterId:limit`: in flight, or done and full (oldest first, for eviction). */
  pages: Map<string, Promise<StreamEvent[]>>;
  /** The timer that drops the channel once it has had no listener for `lingerMs`. */
  linger: ReturnType<typeof setTimeout> | null;
}

/**
 * The linger of the local hosts' hubs: a fleet of subscribers to one run connects over a few
 * seconds, often past the end of a short run.
 */
export const LOCAL_HUB_LINGER_MS = 5_000;

/** Options of an `EventHub`. */
export interface EventHubOptions {
  /** How long a run's channel is kept after its last listener left, ms (default 0: dropped at once). */
  lingerMs?: number;
}

/** Reads events after a cursor, from the ring when it covers the cursor, else from the store. */
export interface EventReader {
  read(runId: string, afterId: number, limit: number): Promise<readonly StreamEvent[]>;
}

/** The hub of one process (or one Durable Object). */
export class EventHub implements EventReader {
  private readonly channels = new Map<string, RunChannel>();

  private readonly lingerMs: number;

  constructor(
    private readonly store: { readEvents(id: string, afterId: number, limit: number): Promise<StreamEvent[]> },
    options: EventHubOptions = {},
  ) {
    this.lingerMs = options.lingerMs ?? 0;
  }

  /** Registers `listener` for `runId`; returns the function that removes it. */
  listen(runId: string, listener: EventListener): () => void {
    let channel = this.channels.get(runId);
    if (!channel) {
      channel = { listeners: new Set(), ring: [], pages: new Map(), linger: null };
      this.channels.set(runId, channel);
    }
    if (channel.linger !== null) clearTimeout(channel.linger);
    channel.linger = null;
    channel.listeners.add(listener);
    return () => {
      const current = this.channels.get(runId);
      if (!current || !current.listeners.delete(listener) || current.listeners.size > 0) return;
      if (this.lingerMs <= 0) {
        this.channels.delete(runId);
        return;
      }
      current.linger = setTimeout(() => {
        if (this.channels.get(runId) === current && current.listeners.size === 0) this.channels.delete(runId);
      }, this.lingerMs);
      // A lingering channel is a cache: it must not keep a process alive.
      (current.linger as { unref?: () => void }).unref?.();
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
    trimRing(channel);
    for (const listener of [...channel.listeners]) listener.notify();
  }

  /** Number of listeners of `runId` (for tests and diagnostics). */
  listenerCount(runId: string): number {
    return this.channels.get(runId)?.listeners.size ?? 0;
  }

  async read(runId: string, afterId: number, limit: number): Promise<readonly StreamEvent[]> {
    const ring = this.channels.get(runId)?.ring;
    if (ring && ring.length > 0 && ring[0].event_id <= afterId + 1) {
      const start = afterId + 1 - ring[0].event_id;
      if (start < ring.length) return ring.slice(start, start + limit);
      if (start === ring.length) return [];
    }
    const channel = this.channels.get(runId);
    if (!channel) return this.store.readEvents(runId, afterId, limit);
    return this.sharedRead(channel, runId, afterId, limit);
  }

  /** A store read shared with every other reader of the same page (see the module comment). */
  private sharedRead(channel: RunChannel, runId: string, afterId: number, limit: number): Promise<StreamEvent[]> {
    const key = `${afterId}:${limit}`;
    const shared = channel.pages.get(key);
    if (shared) return shared;
    const read = this.store.readEvents(runId, afterId, limit);
    channel.pages.set(key, read);
    const forget = () => {
      if (channel.pages.get(key) === read) channel.pages.delete(key);
    };
    // A short page may grow as the run goes on, and a failed read may succeed later: neither is
    // kept, but a short page is the whole log after `afterId` as of the read, so it can seed the ring.
    read.then((events) => {
      if (events.length < limit) {
        forget();
        extendRing(channel, events);
      }
    }, forget);
    if (channel.pages.size > MAX_SHARED_PAGES) channel.pages.delete(channel.pages.keys().next().value!);
    return read;
  }
}

/**
 * Puts `tail` (the end of the log as a store read saw it) in front of the ring when the two are
 * contiguous: an empty ring (nothing published since) or one starting inside or right after it.
 */
function extendRing(channel: RunChannel, tail: readonly StreamEvent[]): void {
  if (tail.length === 0) return;
  const ring = channel.ring;
  const after = tail[tail.length - 1].event_id + 1;
  if (ring.length === 0) channel.ring = [...tail];
  else if (ring[0].event_id > tail[0].event_id && ring[0].event_id <= after) {
    channel.ring = [...tail.filter((e) => e.event_id < ring[0].event_id), ...ring];
  } else return;
  trimRing(channel);
}

function trimRing(channel: RunChannel): void {
  if (channel.ring.length > RING_SIZE) channel.ring.splice(0, channel.ring.length - RING_SIZE);
}
