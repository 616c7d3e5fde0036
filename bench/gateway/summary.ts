/**
 * Reduces the rounds of the gateway benchmark to one row per target: medians over rounds, the
 * server's CPU per request, and the throughput ratio against the bare baseline measured in the
 * same rounds (the machines drift too much between runs for absolute figures to mean much).
 */
import type { LoadSample } from "./load.ts";

/** One measured round of one target. */
export interface RoundResult {
  round: number;
  sample: LoadSample;
  /** Server CPU time (user + system) during the round, µs. */
  cpuMicros: number;
}

/** A target's summary row. */
export interface TargetSummary {
  label: string;
  medianRps: number;
  p50Ms: number;
  p99Ms: number;
  /** Median over rounds of server CPU µs per completed response. */
  cpuMicrosPerRequest: number;
  /** Median over rounds of this target's req/s divided by the baseline's req/s in the same round; 1 for the baseline. */
  ratio: number;
  /** Responses whose status was not the expected one, over all rounds. */
  unexpected: number;
  errors: number;
}

/** Median of `values` (mean of the middle two for an even count); NaN when empty. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Responses in `statuses` whose code is not in `expected`. */
export function countUnexpected(statuses: Readonly<Record<string, number>>, expected: readonly number[]): number {
  let count = 0;
  for (const [code, n] of Object.entries(statuses)) if (!expected.includes(Number(code))) count += n;
  return count;
}

/** Summarises one target against the baseline's rounds (pass the baseline's own rounds for the baseline). */
export function summarise(
  label: string,
  rounds: readonly RoundResult[],
  baseline: readonly RoundResult[],
  expected: readonly number[],
): TargetSummary {
  const baseRps = new Map(baseline.map((r) => [r.round, r.sample.rps]));
  const ratios = rounds.flatMap((r) => {
    const base = baseRps.get(r.round);
    return base !== undefined && base > 0 ? [r.sample.rps / base] : [];
  });
  return {
    label,
    medianRps: median(rounds.map((r) => r.sample.rps)),
    p50Ms: median(rounds.map((r) => r.sample.p50Ms)),
    p99Ms: median(rounds.map((r) => r.sample.p99Ms)),
    cpuMicrosPerRequest: median(rounds.filter((r) => r.sample.requests > 0).map((r) => r.cpuMicros / r.sample.requests)),
    ratio: median(ratios),
    unexpected: rounds.reduce((sum, r) => sum + countUnexpected(r.sample.statuses, expected), 0),
    errors: rounds.reduce((sum, r) => sum + r.sample.errors, 0),
  };
}
