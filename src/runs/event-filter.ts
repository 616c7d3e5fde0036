/**
 * Which engine events of a run become stored events: progress throttled (a step of at least 1 %
 * or 250 ms, monotone, the final 1 always), metric points as the engine bounds them (about 200
 * per run; a minimum interval is configurable; the last point always kept), logs as they come. On resume after a restart, events the first
 * attempt already stored are skipped: progress up to the stored progress, metric points up to the
 * last stored metric time, and log lines emitted before the re-run passes the stored progress.
 */
import type { BacktestRunEvent, MetricRunEvent } from "../engine/index.ts";
import type { RunEventDraft } from "./run-types.ts";

/** What a previous attempt of the run stored. */
export interface ResumePoint {
  resumed: boolean;
  /** Stored status progress (0 for a fresh run). */
  progress: number;
  /** ISO timestamp of the last stored metric event, or null. */
  lastMetricTimestamp: string | null;
}

/** A fresh run. */
export const FRESH_START: ResumePoint = { resumed: false, progress: 0, lastMetricTimestamp: null };

/** Throttle settings. */
export interface FilterOptions {
  progressStep: number;
  progressIntervalMs: number;
  metricIntervalMs: number;
}

/**
 * Default throttles: 1 % / 250 ms for progress; metric points pass as the engine emits them (it
 * already bounds them to about 200 evenly spaced points per run), so a fast run still streams a
 * whole live curve and every host stores the same points.
 */
export const DEFAULT_FILTER: FilterOptions = { progressStep: 0.01, progressIntervalMs: 250, metricIntervalMs: 0 };

/** An accepted event: the draft and, for progress, the status progress to patch. */
export interface Accepted {
  draft: RunEventDraft;
  progress?: number;
}

/** Stateful filter of one attempt of a run. */
export class EventFilter {
  private lastProgress: number;
  private lastProgressAt = -Infinity;
  private rawProgress = 0;
  private lastMetricAt = -Infinity;
  private pendingMetric: MetricRunEvent | null = null;

  constructor(
    private readonly resume: ResumePoint,
    private readonly monotonicNow: () => number,
    private readonly wallIso: () => string,
    private readonly options: FilterOptions = DEFAULT_FILTER,
  ) {
    this.lastProgress = resume.progress;
  }

  /** The stored events `event` turns into (zero, one, or a held-back metric plus this one). */
  accept(event: BacktestRunEvent): Accepted[] {
    if (event.type === "metric") return this.metric(event);
    if (event.type === "log") {
      if (this.resume.resumed && this.rawProgress <= this.resume.progress) return [];
      return [{ draft: this.draft("log", { level: event.level, message: event.message }) }];
    }
    this.rawProgress = Math.max(this.rawProgress, event.progress);
    const now = this.monotonicNow();
    const p = event.progress;
    if (p <= this.lastProgress) return [];
    const due = p === 1 || p - this.lastProgress >= this.options.progressStep || now - this.lastProgressAt >= this.options.progressIntervalMs;
    if (!due) return [];
    this.lastProgress = p;
    this.lastProgressAt = now;
    const payload: Record<string, unknown> = { progress: p, bars_processed: event.bars_processed, bars_total: event.bars_total };
    if (event.message !== undefined) payload.message = event.message;
    const out = p === 1 ? this.finish() : [];
    out.push({ draft: this.draft("progress", payload), progress: p });
    return out;
  }

  /** The held-back last metric point, if any (call before the terminal state). */
  finish(): Accepted[] {
    const pending = this.pendingMetric;
    this.pendingMetric = null;
    return pending ? [this.metricDraft(pending)] : [];
  }

  private metric(event: MetricRunEvent): Accepted[] {
    const last = this.resume.lastMetricTimestamp;
    if (last !== null && Date.parse(event.timestamp) <= Date.parse(last)) return [];
    const now = this.monotonicNow();
    if (now - this.lastMetricAt < this.options.metricIntervalMs) {
      this.pendingMetric = event;
      return [];
    }
    this.lastMetricAt = now;
    this.pendingMetric = null;
    return [this.metricDraft(event)];
  }

  private metricDraft(event: MetricRunEvent): Accepted {
    return { draft: this.draft("metric", { timestamp: event.timestamp, equity: event.equity, drawdown_pct: event.drawdown_pct }) };
  }

  private draft(type: RunEventDraft["type"], payload: Record<string, unknown>): RunEventDraft {
    return { type, timestamp: this.wallIso(), payload };
  }
}
