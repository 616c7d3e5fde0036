/**
 * The in-process limiter (Node, Deno, and inside each limiter Durable Object). Memory is bounded:
 * buckets idle for a whole window are full again and are dropped (losing nothing), and past
 * `maxBuckets` the least recently used bucket is dropped (it starts full if it comes back).
 */
import type { Clock, RateLimiter } from "./limiter.ts";
import type { BucketState, RateDecision, RateRule } from "./token-bucket.ts";
import { fullBucket, refusalOf, takeToken } from "./token-bucket.ts";

/** Default cap on live buckets: about 1 MB of state. */
export const DEFAULT_MAX_BUCKETS = 10_000;

/** Options of `MemoryRateLimiter`. */
export interface MemoryRateLimiterOptions {
  /** Epoch ms; default `Date.now`. */
  now?: Clock;
  /** Most buckets kept at once; default `DEFAULT_MAX_BUCKETS`. */
  maxBuckets?: number;
}

interface Entry extends BucketState {
  windowMs: number;
}

/** Token buckets in a Map kept in least-recently-used order. */
export class MemoryRateLimiter implements RateLimiter {
  private readonly buckets = new Map<string, Entry>();
  private readonly now: Clock;
  private readonly maxBuckets: number;
  private nextSweepAt = 0;

  constructor(options: MemoryRateLimiterOptions = {}) {
    this.now = options.now ?? Date.now;
    this.maxBuckets = Math.max(1, options.maxBuckets ?? DEFAULT_MAX_BUCKETS);
  }

  /** Number of buckets held (for tests and metrics). */
  get size(): number {
    return this.buckets.size;
  }

  take(key: string, rule: RateRule): RateDecision {
    const now = this.now();
    this.sweep(now, rule.windowMs);
    let entry = this.buckets.get(key);
    if (entry) {
      this.buckets.delete(key);
    } else {
      entry = { ...fullBucket(now, rule), windowMs: rule.windowMs };
      if (this.buckets.size >= this.maxBuckets) this.evictOldest();
    }
    this.buckets.set(key, entry);
    return takeToken(entry, now, rule);
  }

  refusal(key: string, rule: RateRule): RateDecision | null {
    const entry = this.buckets.get(key);
    return entry === undefined ? null : refusalOf(entry, this.now(), rule);
  }

  /** Drops buckets idle for their whole window; at most once per window, oldest first. */
  private sweep(now: number, windowMs: number): void {
    if (now < this.nextSweepAt) return;
    this.nextSweepAt = now + windowMs;
    for (const [key, entry] of this.buckets) {
      if (now - entry.updatedAt < entry.windowMs) break;
      this.buckets.delete(key);
    }
  }

  private evictOldest(): void {
    const oldest = this.buckets.keys().next();
    if (!oldest.done) this.buckets.delete(oldest.value);
  }
}
