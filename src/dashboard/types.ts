/** The API shapes the dashboard reads (a subset of the OpenAPI document's). */

/** `BacktestStatus`. */
export interface RunStatus {
  run_id: string;
  state: "queued" | "running" | "completed" | "failed" | "cancelled";
  progress: number;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  error: string | null;
}

/** One stored/streamed run event. */
export interface RunEvent {
  event_id: number;
  run_id: string;
  type: "state" | "progress" | "metric" | "log";
  timestamp: string;
  payload: Record<string, unknown>;
}

/** A strategy parameter's schema (`GET /v1/strategies`). */
export type ParamSpec =
  | { type: "number"; default: number; min?: number; max?: number; exclusiveMin?: boolean; exclusiveMax?: boolean; unit?: string; description: string }
  | { type: "integer"; default: number; min?: number; max?: number; unit?: string; description: string }
  | { type: "boolean"; default: boolean; description: string }
  | { type: "enum"; values: string[]; default: string; description: string };

/** A registered strategy. */
export interface StrategyInfo {
  name: string;
  description: string;
  params: Record<string, ParamSpec>;
}

/** Equity point of a result. */
export interface EquityPoint {
  timestamp: string;
  value: number;
  cash: number;
  positions: number;
  total_pnl: number;
  returns: number;
  period_return: number | null;
  drawdown: number;
}

/** Section info of a bounded result. */
export interface SectionInfo {
  total: number;
  included: number;
  downsampled: boolean;
  truncated: boolean;
  href: string;
}

/** The parts of a bounded result the dashboard shows. */
export interface BoundedResult {
  run_id: string;
  currency: string;
  metrics_summary: Record<string, number | boolean | null>;
  equity_curve: EquityPoint[];
  benchmark_symbol: string | null;
  benchmark_curve: { timestamp: string; value: number; returns: number }[];
  trades: Record<string, unknown>[];
  tearsheet: { monthly_returns: { month: string; return_pct: number | null }[] };
  manifest: Record<string, unknown>;
  sections: Record<string, SectionInfo>;
}

/** A page of a result section. */
export interface SectionPage<T> {
  offset: number;
  limit: number;
  total: number;
  items: T[];
}
