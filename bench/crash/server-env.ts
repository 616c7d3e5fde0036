/**
 * Server variables of the load and fault scripts: limits high enough that the scripts' own
 * traffic from one key and one IP is never throttled (API spec §9), so any 429 or 1008 they see
 * would be a finding, not the configuration.
 */

/** Generous rate, auth-failure and stream limits for a benchmark server. */
export function generousLimitsEnv(): Record<string, string> {
  return {
    GLOWBACK_RATE_LIMIT: "100000",
    GLOWBACK_RATE_WINDOW: "1",
    GLOWBACK_AUTH_FAILURE_LIMIT: "100000",
    GLOWBACK_MAX_SUBSCRIBERS_PER_RUN: "100000",
    GLOWBACK_MAX_STREAMS_PER_KEY: "100000",
  };
}
