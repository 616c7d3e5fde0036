/**
 * Reports one run's (or optimisation's) status to its index: every transition at once, progress at most once per
 * `progressIntervalMs`. Reports go out one at a time, in order, each carrying the status as stored
 * when it is sent (so a later report always supersedes an earlier one). A failed report never
 * fails the run: `onOutcome(false)` lets the owner retry later, and any next report repeats it.
 */
import type { RunStatus } from "../../runs/run-types.ts";

/** What the reporter needs; `S` is what the index takes (default: a run's status). */
export interface IndexReporterDeps<S = RunStatus> {
  /** Delivers a status to the index. */
  send(status: S): Promise<void>;
  /** The current stored status (null: nothing to report). */
  read(): Promise<S | null>;
  /** Monotonic milliseconds. */
  now(): number;
  /** Minimum time between two progress-only reports. */
  progressIntervalMs: number;
  /** Called after each attempt: true when the index has the status as it was read. */
  onOutcome?(delivered: boolean, error?: unknown): void;
}

/** The reporter of one run (or optimisation) object. */
export class IndexReporter<S = RunStatus> {
  private chain: Promise<boolean> = Promise.resolve(true);
  private lastSentAt = Number.NEGATIVE_INFINITY;
  private queued = false;

  constructor(private readonly deps: IndexReporterDeps<S>) {}

  /** Reports now (after any report in flight); resolves with whether the index got it. */
  transition(): Promise<boolean> {
    return this.enqueue();
  }

  /** Reports progress if the last report is old enough; otherwise does nothing. */
  progress(): void {
    if (this.queued || this.deps.now() - this.lastSentAt < this.deps.progressIntervalMs) return;
    void this.enqueue();
  }

  /** Resolves when every report asked for so far has been attempted. */
  async settled(): Promise<void> {
    await this.chain;
  }

  private enqueue(): Promise<boolean> {
    this.queued = true;
    const attempt = async (): Promise<boolean> => {
      this.queued = false;
      this.lastSentAt = this.deps.now();
      try {
        const status = await this.deps.read();
        if (status !== null) await this.deps.send(status);
        this.deps.onOutcome?.(true);
        return true;
      } catch (error) {
        this.deps.onOutcome?.(false, error);
        return false;
      }
    };
    this.chain = this.chain.then(attempt, attempt);
    return this.chain;
  }
}
