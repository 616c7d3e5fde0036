/**
 * A limiter whose buckets live elsewhere (on Workers: one Durable Object per bucket). Each `take`
 * is one round trip; `refusal` costs none — it answers from the empty buckets this isolate has
 * seen, until the time their owner said the next token is due.
 */
import type { Clock, RateLimiter } from "./limiter.ts";
import type { RateDecision, RateRule } from "./token-bucket.ts";

/** Takes one token from the remote bucket `key`. */
export type RemoteTake = (key: string, rule: RateRule) => Promise<RateDecision>;

/** Most remembered empty buckets; the oldest are forgotten first (that only costs a round trip). */
const MAX_REMEMBERED = 10_000;

/** A `RateLimiter` over a remote `take`. */
export class RemoteRateLimiter implements RateLimiter {
  private readonly empty = new Map<string, RateDecision>();

  constructor(
    private readonly remoteTake: RemoteTake,
    private readonly now: Clock = Date.now,
  ) {}

  async take(key: string, rule: RateRule): Promise<RateDecision> {
    const decision = await this.remoteTake(key, rule);
    this.empty.delete(key);
    if (decision.nextTokenAt > decision.at) {
      if (this.empty.size >= MAX_REMEMBERED) this.empty.delete(this.empty.keys().next().value as string);
      this.empty.set(key, decision);
    }
    return decision;
  }

  refusal(key: string): RateDecision | null {
    const known = this.empty.get(key);
    if (known === undefined) return null;
    const now = this.now();
    if (known.nextTokenAt <= now) {
      this.empty.delete(key);
      return null;
    }
    return { ...known, allowed: false, remaining: 0, at: now };
  }
}
