/**
 * Counts open stream connections (WebSocket and SSE) of one process, per run and per owner (the
 * `key_id`, or the client IP in development mode), and refuses a connection over either limit.
 */

/** The two stream limits (`GLOWBACK_MAX_SUBSCRIBERS_PER_RUN`, `GLOWBACK_MAX_STREAMS_PER_KEY`). */
export interface StreamQuotaLimits {
  maxSubscribersPerRun: number;
  maxStreamsPerKey: number;
}

/** Seconds a refused client is told to wait (`Retry-After` on SSE). */
export const STREAM_RETRY_AFTER_SECONDS = 5;

/** Reason (WebSocket close 1013) and message (SSE 429) when a run has too many subscribers. */
export function tooManySubscribersReason(limit: number): string {
  return `Too many subscribers for this run (limit ${limit}); try again later`;
}

/** Reason (WebSocket close 1013) and message (SSE 429) when an owner has too many open streams. */
export function tooManyStreamsReason(limit: number): string {
  return `Too many open streams for this API key (limit ${limit}); try again later`;
}

/** A granted connection: call `release` (idempotent) when it ends. */
export interface StreamLease {
  release(): void;
}

/** The outcome of `acquire`: a lease, or the reason for refusing. */
export type QuotaOutcome = { lease: StreamLease } | { refused: string };

/** The owner a stream is counted against: `key_id`, else the client IP (development mode). */
export function streamOwner(keyId: string | null, clientIp: string | null): string {
  return keyId !== null ? `key:${keyId}` : `ip:${clientIp ?? "unknown"}`;
}

/** Open-connection counters of one gateway. */
export class StreamQuota {
  private readonly perRun = new Map<string, number>();
  private readonly perOwner = new Map<string, number>();

  constructor(private readonly limits: StreamQuotaLimits) {}

  /** Open connections of `runId`. */
  subscribers(runId: string): number {
    return this.perRun.get(runId) ?? 0;
  }

  /** Open connections of `owner`. */
  streams(owner: string): number {
    return this.perOwner.get(owner) ?? 0;
  }

  /** Counts a new connection, or refuses it when the run or the owner is at its limit. */
  acquire(runId: string, owner: string): QuotaOutcome {
    if (this.streams(owner) >= this.limits.maxStreamsPerKey) return { refused: tooManyStreamsReason(this.limits.maxStreamsPerKey) };
    if (this.subscribers(runId) >= this.limits.maxSubscribersPerRun) return { refused: tooManySubscribersReason(this.limits.maxSubscribersPerRun) };
    bump(this.perRun, runId, 1);
    bump(this.perOwner, owner, 1);
    let released = false;
    return {
      lease: {
        release: () => {
          if (released) return;
          released = true;
          bump(this.perRun, runId, -1);
          bump(this.perOwner, owner, -1);
        },
      },
    };
  }
}

// Entries at zero are deleted, so the maps hold only owners and runs with open streams.
function bump(map: Map<string, number>, name: string, delta: number): void {
  const next = (map.get(name) ?? 0) + delta;
  if (next <= 0) map.delete(name);
  else map.set(name, next);
}
