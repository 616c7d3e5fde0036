/**
 * The portable run domain's storage interface. Hosts provide implementations (memory, SQLite,
 * Durable Objects); the HTTP layer sees only this interface.
 */

/** Lifecycle state of a run. */
export type RunState = "queued" | "running" | "completed" | "failed" | "cancelled";

/** Public status of a run (`BacktestStatus` of API spec §1). */
export interface RunStatus {
  run_id: string;
  state: RunState;
  /** 0..1 */
  progress: number;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  error: string | null;
}

/** Read access to runs, as far as the gateway needs it. */
export interface RunStore {
  /** The run's status, or null when no such run exists. */
  getStatus(runId: string): Promise<RunStatus | null>;
}

/** An in-memory store (`GLOWBACK_STORAGE=memory`, and tests). */
export function createMemoryRunStore(): RunStore & { readonly runs: Map<string, RunStatus> } {
  const runs = new Map<string, RunStatus>();
  return {
    runs,
    async getStatus(runId) {
      return runs.get(runId) ?? null;
    },
  };
}
