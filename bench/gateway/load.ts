/**
 * One bounded burst of loopback load with autocannon (in this process), reduced to the numbers
 * the report needs.
 */
import autocannon, { type AutocannonInstance } from "autocannon";

/** What to load. */
export interface LoadSpec {
  url: string;
  headers: Record<string, string>;
  connections: number;
  durationSec: number;
}

/** The outcome of one burst. */
export interface LoadSample {
  /** Completed responses. */
  requests: number;
  /** Completed responses per second of wall time. */
  rps: number;
  p50Ms: number;
  p99Ms: number;
  /** Responses by status code. */
  statuses: Record<string, number>;
  /** Socket errors plus timeouts. */
  errors: number;
}

let current: AutocannonInstance | null = null;

/** Runs `spec` to completion (bounded by its duration). Only loopback URLs are accepted. */
export async function runLoad(spec: LoadSpec): Promise<LoadSample> {
  const host = new URL(spec.url).hostname;
  if (host !== "127.0.0.1" && host !== "[::1]" && host !== "localhost") throw new Error(`refusing non-loopback target ${spec.url}`);
  current = autocannon({
    url: spec.url,
    headers: spec.headers,
    connections: spec.connections,
    pipelining: 1,
    duration: spec.durationSec,
    timeout: 10,
  });
  try {
    const result = await current;
    const statuses: Record<string, number> = {};
    for (const [code, stat] of Object.entries(result.statusCodeStats)) statuses[code] = stat.count;
    return {
      requests: result.requests.total,
      rps: result.duration > 0 ? result.requests.total / result.duration : 0,
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      statuses,
      errors: result.errors + result.timeouts,
    };
  } finally {
    current = null;
  }
}

/** Stops the burst in progress, if any (for SIGINT). */
export function stopLoad(): void {
  current?.stop();
}
