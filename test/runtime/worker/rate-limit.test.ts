/**
 * Rate limits on Workers: the Worker draws from `RateLimiterObject`s (one per bucket, shared by
 * every isolate), so a bucket drained through the object directly refuses the Worker's next request.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { fetchWorker } from "./worker-client.ts";

const RULE = { capacity: 100_000, windowMs: 86_400_000 };

async function keyIdOf(key: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(key)));
  return [...digest].map((byte) => byte.toString(16).padStart(2, "0")).join("").slice(0, 12);
}

function bucket(name: string) {
  return env.RATE_LIMITER.get(env.RATE_LIMITER.idFromName(name));
}

describe("rate limits on workerd (API spec §9)", () => {
  it("counts a key's requests in its Durable Object and refuses once it is empty", async () => {
    const auth = { Authorization: `Bearer ${env.GLOWBACK_API_KEY}` };
    const first = await fetchWorker("/v1/backtests", { headers: auth });
    expect(first.status).toBe(200);
    expect(first.headers.get("x-ratelimit-limit")).toBe("100000");
    const remaining = Number(first.headers.get("x-ratelimit-remaining"));
    const second = await fetchWorker("/v1/backtests", { headers: auth });
    expect(Number(second.headers.get("x-ratelimit-remaining"))).toBe(remaining - 1);

    // The object holds the same bucket the Worker used.
    const name = `key:${await keyIdOf(env.GLOWBACK_API_KEY)}`;
    const direct = await bucket(name).take(name, RULE);
    expect([direct.allowed, direct.remaining]).toEqual([true, remaining - 2]);

    const drained = await bucket(name).take(name, RULE, RULE.capacity);
    expect([drained.allowed, drained.remaining]).toEqual([false, 0]);
    const refused = await fetchWorker("/v1/backtests", { headers: { ...auth, "X-Request-ID": "worker-429" } });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("1");
    expect(refused.headers.get("x-ratelimit-remaining")).toBe("0");
    expect(await refused.json()).toEqual({ error: { code: "too_many_requests", message: "Too many requests", details: null }, request_id: "worker-429" });
  });

  it("throttles failed authentication per CF-Connecting-IP in a shared object", async () => {
    const ip = "198.51.100.77";
    const headers = { Authorization: "Bearer not-the-key", "CF-Connecting-IP": ip };
    const failed = await fetchWorker("/backtests", { headers });
    expect([failed.status, failed.headers.get("x-ratelimit-limit"), failed.headers.get("x-ratelimit-remaining")]).toEqual([401, "100000", "99999"]);
    await bucket(`auth:${ip}`).take(`auth:${ip}`, RULE, RULE.capacity);
    const refused = await fetchWorker("/backtests", { headers });
    expect(refused.status).toBe(429);
    expect(await refused.json()).toEqual({ detail: "Too many requests" });
    // Now this isolate knows the bucket is empty: even a valid key from that address waits, without a round trip.
    const valid = await fetchWorker("/backtests", { headers: { ...headers, Authorization: `Bearer ${env.GLOWBACK_API_KEY}` } });
    expect(valid.status).toBe(429);
    const otherIp = await fetchWorker("/backtests", { headers: { ...headers, "CF-Connecting-IP": "198.51.100.78" } });
    expect(otherIp.status).toBe(401);
  });
});
