/** The main thread's cache of packed trial data, one entry per optimisation, with bounded memory. */
import { setInterval, clearInterval } from "node:timers";
import type { TrialData } from "./trial-data.ts";

/** How the cache loads and bounds its entries. */
export interface TrialDataCacheOptions {
  /** Most optimisations kept; the least recently used one without a running job goes first. */
  maxEntries: number;
  /** An optimisation without a job for this long (ms) is dropped. */
  idleMs: number;
  /** Told about every dropped key, so threads drop their copy too. */
  onEvict(key: string): void;
  /** Monotonic clock, ms; default `performance.now`. */
  now?: () => number;
}

interface Entry {
  data: Promise<TrialData>;
  /** Jobs of the optimisation currently using the data. */
  active: number;
  lastUsed: number;
}

/** Loads each optimisation's data once and hands it to every job of that optimisation. */
export class TrialDataCache {
  // Map order is the LRU order: a use moves the key to the end.
  private readonly entries = new Map<string, Entry>();
  private readonly timer: ReturnType<typeof setInterval>;
  private readonly now: () => number;

  constructor(private readonly options: TrialDataCacheOptions) {
    this.now = options.now ?? (() => performance.now());
    this.timer = setInterval(() => this.sweep(), Math.max(10, options.idleMs / 2));
    this.timer.unref();
  }

  /**
   * The data of `key`, loaded with `load` on first use (once while it stays cached); pair with
   * {@link release}. A failed load is not kept.
   */
  acquire(key: string, load: () => Promise<TrialData>): Promise<TrialData> {
    let entry = this.entries.get(key);
    if (entry === undefined) {
      entry = { data: load(), active: 0, lastUsed: this.now() };
      entry.data.catch(() => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
      });
    }
    this.entries.delete(key);
    this.entries.set(key, entry);
    entry.active++;
    this.trim();
    return entry.data;
  }

  /** Ends one job's use of `key`. */
  release(key: string): void {
    const entry = this.entries.get(key);
    if (entry === undefined) return;
    entry.active = Math.max(0, entry.active - 1);
    entry.lastUsed = this.now();
    this.trim();
  }

  /** Keys currently cached, least recently used first. */
  keys(): string[] {
    return [...this.entries.keys()];
  }

  /** Drops entries idle for `idleMs`. */
  sweep(): void {
    const cutoff = this.now() - this.options.idleMs;
    for (const [key, entry] of this.entries) if (entry.active === 0 && entry.lastUsed <= cutoff) this.evict(key);
  }

  /** Drops everything and stops the sweep timer. */
  close(): void {
    clearInterval(this.timer);
    this.entries.clear();
  }

  private trim(): void {
    for (const [key, entry] of this.entries) {
      if (this.entries.size <= this.options.maxEntries) return;
      if (entry.active === 0) this.evict(key);
    }
  }

  private evict(key: string): void {
    this.entries.delete(key);
    this.options.onEvict(key);
  }
}
