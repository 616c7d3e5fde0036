/** Contracts of the public run API. */
import type { BacktestRequest, MarketDataProvider } from "../types.ts";
import type { CreateHasher } from "../util/hasher.ts";

/** What `streamBacktest` / `runBacktest` need. */
export interface RunBacktestOptions {
  /** Caller-chosen run id, echoed in the result (not part of its content hash). */
  runId: string;
  /** A request returned by `normalizeBacktestRequest`. */
  request: BacktestRequest;
  /** Source of every symbol's bars and the benchmark's. */
  provider: MarketDataProvider;
  /** Aborting rejects the run with an `AbortError` at the next check (between symbols and bars). */
  signal?: AbortSignal;
  /** Injected clock (UTC epoch ms), handed to the simulation. */
  now?: () => number;
  /** Called periodically by the simulation so cooperative hosts can yield. */
  yieldControl?: () => Promise<void>;
  /** Longest stretch between two `yieldControl` calls, ms; default: the engine's (see `STEP_SLICE_MS`). */
  sliceMs?: number;
  /**
   * SHA-256 for the bar fingerprint and `content_hash` (a host's native one is much faster);
   * default: the engine's pure-TypeScript SHA-256. The hex digests are the same either way.
   */
  createHasher?: CreateHasher;
}

/** Progress of a run: `progress` in [0, 1], monotone, exactly 1 on the last progress event. */
export interface ProgressRunEvent {
  type: "progress";
  progress: number;
  bars_processed: number;
  bars_total: number;
  message?: string;
}

/** A live equity point. */
export interface MetricRunEvent {
  type: "metric";
  /** ISO-8601 UTC. */
  timestamp: string;
  /** Total equity, account currency. */
  equity: number;
  /** Positive % below the running peak. */
  drawdown_pct: number;
}

/** A log line of the run. */
export interface LogRunEvent {
  type: "log";
  level: "info" | "warn" | "error";
  message: string;
}

/** An event of a running backtest. */
export type BacktestRunEvent = ProgressRunEvent | MetricRunEvent | LogRunEvent;

/** Raised when a run is aborted through its signal; `name` is `"AbortError"`. */
export class BacktestAbortError extends Error {
  constructor(reason?: unknown) {
    super("The backtest was aborted", reason === undefined ? undefined : { cause: reason });
    this.name = "AbortError";
  }
}

/** Throws an `AbortError` when `signal` is aborted (its reason when that already is one). */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (!signal?.aborted) return;
  const reason: unknown = signal.reason;
  if (reason instanceof Error && reason.name === "AbortError") throw reason;
  throw new BacktestAbortError(reason);
}
