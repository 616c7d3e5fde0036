/**
 * The shared rate limiter on Workers (API spec §9): one Durable Object per bucket, named by the
 * bucket key (`key:<key_id>`, `ip:<address>`, `auth:<address>`), so every isolate draws from the
 * same tokens. The Worker makes one RPC (`take`) per limited request. Buckets live in the object's
 * memory only: an object is evicted after it has been idle for a while, and a bucket that has
 * been idle refills anyway, so persisting every request (a storage write each) buys little.
 */
import { DurableObject } from "cloudflare:workers";
import type { RateLimiter } from "../../http/rate-limit/limiter.ts";
import { MemoryRateLimiter } from "../../http/rate-limit/memory-limiter.ts";
import { RemoteRateLimiter } from "../../http/rate-limit/remote-limiter.ts";
import type { RateDecision, RateRule } from "../../http/rate-limit/token-bucket.ts";
import type { WorkerEnv } from "./worker-env.ts";

/** The limiter object. */
export class RateLimiterObject extends DurableObject<WorkerEnv> {
  private readonly buckets = new MemoryRateLimiter({ maxBuckets: 64 });

  /** Takes `cost` tokens (default 1) from bucket `key`, created full under `rule` when new. */
  take(key: string, rule: RateRule, cost = 1): RateDecision {
    let decision = this.buckets.take(key, rule);
    for (let i = 1; i < cost && decision.allowed; i += 1) decision = this.buckets.take(key, rule);
    return decision;
  }
}

/** A `RateLimiter` whose buckets are `RateLimiterObject`s of `namespace`. */
export function durableObjectRateLimiter(namespace: DurableObjectNamespace<RateLimiterObject>): RateLimiter {
  return new RemoteRateLimiter((key, rule) => namespace.get(namespace.idFromName(key)).take(key, rule));
}
