/** An app with low rate limits and a fake clock, for the in-process rate-limit suites. */
import type { EnvSource } from "../../../src/config.ts";
import { MemoryRateLimiter } from "../../../src/http/rate-limit/memory-limiter.ts";
import type { Harness } from "../../app/helpers.ts";
import { CONNECTION_IP, DEFAULT_ENV, makeApp } from "../../app/helpers.ts";

/** Start of the fake clock: epoch seconds 1_800_000_000. */
export const T0 = 1_800_000_000_000;

/** A harness whose limiter reads `clock.now`; `X-Test-IP` overrides the client address. */
export interface LimitedHarness extends Harness {
  clock: { now: number };
  limiter: MemoryRateLimiter;
}

/** Builds the app over `DEFAULT_ENV` plus `env` (e.g. `GLOWBACK_RATE_LIMIT: "3"`). */
export function limitedApp(env: EnvSource): LimitedHarness {
  const clock = { now: T0 };
  const limiter = new MemoryRateLimiter({ now: () => clock.now });
  const harness = makeApp({ ...DEFAULT_ENV, ...env }, {
    rateLimiter: limiter,
    connectionIp: (c) => c.req.header("x-test-ip") ?? CONNECTION_IP,
  });
  return { ...harness, clock, limiter };
}

/** The three rate-limit headers of `response` (null when absent). */
export function rateHeaders(response: Response): [string | null, string | null, string | null] {
  return [response.headers.get("x-ratelimit-limit"), response.headers.get("x-ratelimit-remaining"), response.headers.get("x-ratelimit-reset")];
}
