/**
 * A token bucket refilled continuously: `capacity` tokens per `windowMs`, starting full. Pure
 * functions over a small state object, so the in-memory limiter and the Durable Object share them.
 */

/** Capacity and refill window of one kind of bucket. */
export interface RateRule {
  /** Tokens when full (requests allowed in a burst). */
  capacity: number;
  /** Milliseconds in which an empty bucket refills completely. */
  windowMs: number;
}

/** Mutable state of one bucket. */
export interface BucketState {
  tokens: number;
  /** Epoch ms of the last update. */
  updatedAt: number;
}

/** The outcome of taking (or looking at) a bucket; times are epoch milliseconds. */
export interface RateDecision {
  allowed: boolean;
  /** When the decision was made. */
  at: number;
  /** The bucket's capacity (`X-RateLimit-Limit`). */
  limit: number;
  /** Whole tokens left after this request (`X-RateLimit-Remaining`). */
  remaining: number;
  /** When the bucket is full again. */
  resetAt: number;
  /** When the next token is available: `now` when one is left, later when refused or emptied. */
  nextTokenAt: number;
}

/** A new, full bucket. */
export function fullBucket(now: number, rule: RateRule): BucketState {
  return { tokens: rule.capacity, updatedAt: now };
}

/** Adds the tokens refilled since the last update (never above capacity). */
export function refill(state: BucketState, now: number, rule: RateRule): void {
  const elapsed = Math.max(0, now - state.updatedAt);
  state.tokens = Math.min(rule.capacity, state.tokens + (elapsed * rule.capacity) / rule.windowMs);
  state.updatedAt = Math.max(state.updatedAt, now);
}

/** Refills, then takes `cost` tokens when available (1 by default; 0 only looks). */
export function takeToken(state: BucketState, now: number, rule: RateRule, cost = 1): RateDecision {
  refill(state, now, rule);
  const allowed = state.tokens >= cost;
  if (allowed) state.tokens -= cost;
  return describe(state, now, rule, allowed);
}

/** A refusal when the bucket holds less than one token at `now`, else null; takes nothing. */
export function refusalOf(state: BucketState, now: number, rule: RateRule): RateDecision | null {
  const elapsed = Math.max(0, now - state.updatedAt);
  const tokens = Math.min(rule.capacity, state.tokens + (elapsed * rule.capacity) / rule.windowMs);
  return tokens < 1 ? describe({ tokens, updatedAt: now }, now, rule, false) : null;
}

function describe(state: BucketState, now: number, rule: RateRule, allowed: boolean): RateDecision {
  const msPerToken = rule.windowMs / rule.capacity;
  return {
    allowed,
    at: now,
    limit: rule.capacity,
    remaining: Math.floor(state.tokens),
    resetAt: now + Math.ceil((rule.capacity - state.tokens) * msPerToken),
    nextTokenAt: state.tokens >= 1 ? now : now + Math.ceil((1 - state.tokens) * msPerToken),
  };
}
