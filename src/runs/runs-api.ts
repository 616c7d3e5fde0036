/**
 * What the HTTP layer asks of the run domain. In-process hosts (Node, Deno, embedding) implement it
 * with `RunService`; Workers implement it over the run and index Durable Objects. Routes see only
 * this interface and `StreamGateway`.
 */
import type { BacktestRequest } from "../engine/types.ts";
import type { DatasetInfo } from "./dataset-store.ts";
import type { ResultSection } from "./run-store.ts";
import type { RunEvent, RunListPage, RunListQuery, RunStatus } from "./run-types.ts";

/** Who asked, as the gateway verified it. */
export interface CallerFacts {
  keyId: string | null;
  requestId: string;
}

/** Outcome of reading a run's result. */
export type ResultLookup =
  | { kind: "not_found" }
  /** Not available in this state (queued/running, or failed/cancelled); carries the status. */
  | { kind: "not_ready"; status: RunStatus }
  /** `body` is the bounded result JSON; `etag` its content hash. */
  | { kind: "ready"; body: string; etag: string };

/** A page of one result section. */
export type SectionLookup =
  | { kind: "not_found" }
  | { kind: "not_ready"; status: RunStatus }
  | { kind: "ready"; items: unknown[]; total: number; offset: number; limit: number };

/** Outcome of a cancel request. */
export type CancelOutcome =
  | { kind: "not_found" }
  /** Already terminal: nothing changed. */
  | { kind: "conflict"; status: RunStatus }
  | { kind: "cancelled"; status: RunStatus };

/** The run operations behind the routes of API spec §1. */
export interface RunsApi {
  /** Stores and schedules a validated request; returns its `queued` status at once. */
  create(request: BacktestRequest, caller: CallerFacts): Promise<RunStatus>;
  get(runId: string): Promise<RunStatus | null>;
  list(query: RunListQuery): Promise<RunListPage>;
  cancel(runId: string, caller: CallerFacts): Promise<CancelOutcome>;
  result(runId: string): Promise<ResultLookup>;
  resultSection(runId: string, section: ResultSection, offset: number, limit: number): Promise<SectionLookup>;
  /** Stored events after `afterId` (at most `limit`), or null for an unknown run. */
  events(runId: string, afterId: number, limit: number): Promise<RunEvent[] | null>;
}

/**
 * The dataset operations behind `/v1/datasets`. (Named `…Dataset…` so one object can implement
 * this and `RunsApi` together.)
 */
export interface DatasetsApi {
  /** Parses, validates and stores a CSV upload; returns what was stored. Throws `EngineValidationError` for bad CSV. */
  uploadDataset(symbol: string, resolution: BacktestRequest["resolution"], csv: string, caller: CallerFacts): Promise<DatasetInfo>;
  listDatasets(): Promise<DatasetInfo[]>;
}

/**
 * Request-time checks that need the host's data (API spec §7): unknown symbols for the chosen
 * source, CSV files that do not exist, a benchmark without data. Throws `EngineValidationError`.
 */
export interface RequestDataCheck {
  check(request: BacktestRequest): Promise<void>;
}
