/** Latency and status of every request of the soak, per request kind. */

/** Summary of one kind. */
export interface KindSummary {
  kind: string;
  count: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Responses with status ≥ 500. */
  serverErrors: number;
  /** Count per status code (0: the request failed without a response). */
  statuses: Record<string, number>;
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** Collects samples; cheap enough to record every request of a one-minute soak. */
export class LatencyBook {
  private readonly samples = new Map<string, { ms: number[]; statuses: Map<number, number> }>();

  /** Records one request of `kind` that took `ms` and answered `status` (0 when it failed). */
  record(kind: string, ms: number, status: number): void {
    let entry = this.samples.get(kind);
    if (entry === undefined) this.samples.set(kind, (entry = { ms: [], statuses: new Map() }));
    entry.ms.push(ms);
    entry.statuses.set(status, (entry.statuses.get(status) ?? 0) + 1);
  }

  /** Times `request` including its body and records it; resolves with the status and body text. */
  async time(kind: string, request: () => Promise<Response>): Promise<{ status: number; text: string }> {
    const t0 = performance.now();
    try {
      const res = await request();
      const text = await res.text();
      this.record(kind, performance.now() - t0, res.status);
      return { status: res.status, text };
    } catch (error) {
      this.record(kind, performance.now() - t0, 0);
      throw error;
    }
  }

  /** One summary per kind, in first-recorded order. */
  summaries(): KindSummary[] {
    return [...this.samples.entries()].map(([kind, { ms, statuses }]) => {
      const sorted = [...ms].sort((a, b) => a - b);
      const counts = Object.fromEntries([...statuses.entries()].sort(([a], [b]) => a - b).map(([s, n]) => [String(s), n]));
      const serverErrors = [...statuses.entries()].filter(([s]) => s >= 500).reduce((sum, [, n]) => sum + n, 0);
      return { kind, count: ms.length, p50Ms: quantile(sorted, 0.5), p99Ms: quantile(sorted, 0.99), maxMs: sorted[sorted.length - 1] ?? 0, serverErrors, statuses: counts };
    });
  }
}
