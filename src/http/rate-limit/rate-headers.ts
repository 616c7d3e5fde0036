/** The rate-limit response headers of API spec §9, from a limiter decision. */
import type { RateDecision } from "./token-bucket.ts";

/**
 * Sets `X-RateLimit-Limit`, `-Remaining` and `-Reset` (epoch seconds at which the bucket is full)
 * on anything with `set`: a `Headers`, or a request's `HeaderPlan`.
 */
export function setRateLimitHeaders(target: { set(name: string, value: string): void }, decision: RateDecision): void {
  target.set("X-RateLimit-Limit", String(decision.limit));
  target.set("X-RateLimit-Remaining", String(decision.remaining));
  target.set("X-RateLimit-Reset", String(Math.ceil(decision.resetAt / 1000)));
}

/** The rate-limit headers of `decision` as a record. */
export function rateLimitHeaders(decision: RateDecision): Record<string, string> {
  const headers: Record<string, string> = {};
  setRateLimitHeaders({ set: (name, value) => void (headers[name] = value) }, decision);
  return headers;
}

/** Whole seconds until the next token, at least 1 (`Retry-After` of a refusal). */
export function retryAfterSeconds(decision: RateDecision): number {
  return Math.max(1, Math.ceil((decision.nextTokenAt - decision.at) / 1000));
}

/** Headers of a 429: the rate-limit headers plus `Retry-After`. */
export function refusalHeaders(decision: RateDecision): Record<string, string> {
  return { ...rateLimitHeaders(decision), "Retry-After": String(retryAfterSeconds(decision)) };
}
