/**
 * The rate limiter as the app sees it (API spec §9): named token buckets behind one small
 * interface, in memory on Node/Deno and in Durable Objects on Workers.
 */
import type { RateDecision, RateRule } from "./token-bucket.ts";

export type { RateDecision, RateRule } from "./token-bucket.ts";

/** Named token buckets. Keys are `key:<key_id>`, `ip:<address>` or `auth:<address>`. */
export interface RateLimiter {
  /** Takes one token from bucket `key` (created full under `rule` when unknown). */
  take(key: string, rule: RateRule): RateDecision | Promise<RateDecision>;
  /**
   * A refusal when bucket `key` is known to be empty now, else null. Takes nothing. A shared
   * limiter answers from what this process last learnt (no round trip), so it may return null
   * for a bucket another process emptied.
   */
  refusal(key: string, rule: RateRule): RateDecision | null;
}

/** Epoch-millisecond clock; tests pass a fake one. */
export type Clock = () => number;
