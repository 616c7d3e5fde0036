/** The rate-limit response headers of API spec §9, from a limiter decision. */
import type { RateDecision } from "./token-bucket.ts";

/** `X-RateLimit-Limit`, `-Remaining` and `-Reset` (epoch seconds at which the bucket is full). */
export function rateLimitHeaders(decision: RateDecision): Record<string, string> {
  return {
    "X-RateLimit-Limit": String(decision.limit),
    "X-RateLimit-Remaining": String(decision.remaining),
    "X-RateLimit-Reset": String(Math.ceil(decision.resetAt / 1000)),
  };
}

/** Whole seconds until the next token, at least 1 (`Retry-After` of a refusal). */
export function retryAfterSeconds(decision: RateDecision): number {
  return Math.max(1, Math.ceil((decision.nextTokenAt - decision.at) / 1000));
}

/** Headers of a 429: the rate-limit headers plus `Retry-After`. */
export function refusalHeaders(decision: RateDecision): Record<string, string> {
  return { ...rateLimitHeaders(decision), "Retry-After": String(retryAfterSeconds(decision)) };
}

/** Sets the rate-limit headers on `headers`. */
export function applyRateLimitHeaders(headers: Headers, decision: RateDecision): void {
  planRateLimitHeaders(headers, decision);
}

/** Sets the rate-limit headers on anything with `set` (a `Headers`, or a request's `HeaderPlan`). */
export function planRateLimitHeaders(target: { set(name: string, value: string): void }, decision: RateDecision): void {
  target.set("X-RateLimit-Limit", String(decision.limit));
  target.set("X-RateLimit-Remaining", String(decision.remaining));
  target.set("X-RateLimit-Reset", String(Math.ceil(decision.resetAt / 1000)));
}
