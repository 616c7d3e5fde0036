/** State shared by the soak's traffic loops: the target, the clock, what was created and what was found. */
import { LatencyBook } from "./latency-book.ts";

/** Everything the loops read and write. */
export class SoakContext {
  readonly book = new LatencyBook();
  /** Runs created for streaming, oldest first (only the last few are kept). */
  readonly streamRuns: string[] = [];
  /** Events of the stored log a subscriber never received, summed over all follows. */
  lostEvents = 0;
  follows = 0;
  frames = 0;
  reconnects = 0;
  /** Requests with a bad key that were let in (must stay 0). */
  badKeyAllowed = 0;
  readonly problems: string[] = [];
  private readonly logs = new Map<string, Promise<number[]>>();

  constructor(
    readonly baseUrl: string,
    readonly apiKey: string,
    /** `performance.now()` after which loops stop starting work. */
    readonly deadline: number,
  ) {}

  /** Whether the soak is still running. */
  live(): boolean {
    return performance.now() < this.deadline;
  }

  /** Headers with the soak's key. */
  headers(extra: Record<string, string> = {}): Record<string, string> {
    return { "X-API-Key": this.apiKey, ...extra };
  }

  /** Event ids of a finished run's stored log (`GET …/events`), read once per run. */
  logIds(runId: string): Promise<number[]> {
    let ids = this.logs.get(runId);
    if (ids === undefined) {
      ids = this.readLog(runId);
      this.logs.set(runId, ids);
    }
    return ids;
  }

  private async readLog(runId: string): Promise<number[]> {
    const ids: number[] = [];
    for (;;) {
      const url = `${this.baseUrl}/v1/backtests/${runId}/events?after=${ids[ids.length - 1] ?? 0}&limit=1000`;
      const { status, text } = await this.book.time("events", () => fetch(url, { headers: this.headers() }));
      if (status !== 200) throw new Error(`events of ${runId}: ${status}`);
      const page = (JSON.parse(text) as Array<{ event_id: number }>).map((e) => e.event_id);
      ids.push(...page);
      if (page.length < 1000) return ids;
    }
  }

  /** Adds a run to stream, keeping the last 16. */
  addStreamRun(runId: string): void {
    this.streamRuns.push(runId);
    if (this.streamRuns.length > 16) this.streamRuns.shift();
  }
}
