import { describe, expect, it } from "vitest";
import { MemoryRateLimiter } from "../../../src/http/rate-limit/memory-limiter.ts";
import { RemoteRateLimiter } from "../../../src/http/rate-limit/remote-limiter.ts";
import { rateLimitHeaders, retryAfterSeconds } from "../../../src/http/rate-limit/rate-headers.ts";
import type { RateDecision, RateRule } from "../../../src/http/rate-limit/token-bucket.ts";
import { fullBucket, takeToken } from "../../../src/http/rate-limit/token-bucket.ts";

const T0 = 1_800_000_000_000;
/** 4 tokens per 60 s: one token every 15 s. */
const RULE: RateRule = { capacity: 4, windowMs: 60_000 };

describe("token bucket", () => {
  it("starts full, empties, and refills continuously over the window", () => {
    const bucket = fullBucket(T0, RULE);
    const taken = [1, 2, 3, 4, 5].map(() => takeToken(bucket, T0, RULE));
    expect(taken.map((d) => [d.allowed, d.remaining])).toEqual([[true, 3], [true, 2], [true, 1], [true, 0], [false, 0]]);
    expect(taken[3].resetAt).toBe(T0 + 60_000);
    expect(taken[4].nextTokenAt).toBe(T0 + 15_000);
    expect(takeToken(bucket, T0 + 14_999, RULE).allowed).toBe(false);
    const refilled = takeToken(bucket, T0 + 15_000, RULE);
    expect([refilled.allowed, refilled.remaining, refilled.resetAt]).toEqual([true, 0, T0 + 75_000]);
    // Never above capacity, however long it was idle.
    expect(takeToken(bucket, T0 + 10_000_000, RULE).remaining).toBe(3);
  });

  it("formats headers: reset in epoch seconds, Retry-After whole seconds and at least 1", () => {
    const decision: RateDecision = { allowed: false, at: T0, limit: 4, remaining: 0, resetAt: T0 + 59_001, nextTokenAt: T0 + 14_001 };
    expect(rateLimitHeaders(decision)).toEqual({ "X-RateLimit-Limit": "4", "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": String(T0 / 1000 + 60) });
    expect(retryAfterSeconds(decision)).toBe(15);
    expect(retryAfterSeconds({ ...decision, nextTokenAt: T0 + 1 })).toBe(1);
    expect(retryAfterSeconds({ ...decision, nextTokenAt: T0 })).toBe(1);
  });
});

describe("MemoryRateLimiter", () => {
  it("keeps one bucket per key", () => {
    const limiter = new MemoryRateLimiter({ now: () => T0 });
    expect(limiter.take("key:a", RULE).remaining).toBe(3);
    expect(limiter.take("key:a", RULE).remaining).toBe(2);
    expect(limiter.take("key:b", RULE).remaining).toBe(3);
  });

  it("reports a refusal for an empty bucket without taking", () => {
    let now = T0;
    const limiter = new MemoryRateLimiter({ now: () => now });
    expect(limiter.refusal("auth:x", RULE)).toBeNull();
    for (let i = 0; i < 4; i += 1) limiter.take("auth:x", RULE);
    expect(limiter.refusal("auth:x", RULE)).toEqual({ allowed: false, at: T0, limit: 4, remaining: 0, resetAt: T0 + 60_000, nextTokenAt: T0 + 15_000 });
    now = T0 + 15_000;
    expect(limiter.refusal("auth:x", RULE)).toBeNull();
    expect(limiter.take("auth:x", RULE).allowed).toBe(true);
  });

  it("never holds more than maxBuckets, dropping the least recently used", () => {
    const limiter = new MemoryRateLimiter({ now: () => T0, maxBuckets: 3 });
    for (const key of ["a", "b", "c"]) limiter.take(key, RULE);
    limiter.take("a", RULE);
    limiter.take("d", RULE);
    expect(limiter.size).toBe(3);
    // "b" was the least recently used: it starts full again, "a" kept its state.
    expect(limiter.take("b", RULE).remaining).toBe(3);
    expect(limiter.take("a", RULE).remaining).toBe(1);
    for (let i = 0; i < 1000; i += 1) limiter.take(`ip:${i}`, RULE);
    expect(limiter.size).toBe(3);
  });

  it("evicts buckets idle for a whole window (they are full again) and keeps busy ones", () => {
    let now = T0;
    const limiter = new MemoryRateLimiter({ now: () => now });
    limiter.take("idle-1", RULE);
    limiter.take("idle-2", RULE);
    now = T0 + 30_000;
    for (let i = 0; i < 4; i += 1) limiter.take("busy", RULE);
    now = T0 + 60_000;
    limiter.take("new", RULE);
    expect(limiter.size).toBe(2);
    // Emptied at +30 s, two tokens refilled by +60 s: one left after this take (a new bucket would have 3).
    expect(limiter.take("busy", RULE).remaining).toBe(1);
  });
});

describe("RemoteRateLimiter", () => {
  it("makes one remote call per take and remembers empty buckets without calling", async () => {
    let now = T0;
    const owner = new MemoryRateLimiter({ now: () => now });
    const calls: string[] = [];
    const limiter = new RemoteRateLimiter(async (key, rule) => {
      calls.push(key);
      return owner.take(key, rule);
    }, () => now);
    for (let i = 0; i < 4; i += 1) await limiter.take("auth:x", RULE);
    expect(calls).toHaveLength(4);
    expect(limiter.refusal("auth:x")).toEqual({ allowed: false, at: T0, limit: 4, remaining: 0, resetAt: T0 + 60_000, nextTokenAt: T0 + 15_000 });
    expect(limiter.refusal("auth:y")).toBeNull();
    now = T0 + 15_000;
    expect(limiter.refusal("auth:x")).toBeNull();
    expect(calls).toHaveLength(4);
  });
});
