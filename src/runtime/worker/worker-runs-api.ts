/**
 * The run domain of the Worker: `RunsApi`, `DatasetsApi` and `RequestDataCheck` over the run
 * objects (one per run, `idFromName(run_id)`), the run index and the dataset object. The Worker
 * validates and authenticates; the objects own state.
 */
import type { BacktestRequest } from "../../engine/types.ts";
import { DataSources } from "../../runs/data-sources.ts";
import type { DatasetInfo } from "../../runs/dataset-store.ts";
import { parseDatasetUpload } from "../../runs/dataset-upload.ts";
import type { ResultSection } from "../../runs/run-store.ts";
import type { RunEvent, RunListPage, RunListQuery, RunStatus } from "../../runs/run-types.ts";
import type { CallerFacts, CancelOutcome, DatasetsApi, RequestDataCheck, ResultLookup, RunsApi, SectionLookup } from "../../runs/runs-api.ts";
import { RUN_INDEX_NAME } from "./run-index-object.ts";
import { rpcDatasetStore } from "./rpc-dataset-store.ts";
import type { WorkerEnv } from "./worker-env.ts";

/** What the Worker needs from `env`. */
export type WorkerRunBindings = Pick<WorkerEnv, "RUNS" | "RUN_INDEX" | "DATASETS">;

/** The Worker's implementation of the run and dataset operations. */
export class WorkerRunsApi implements RunsApi, DatasetsApi, RequestDataCheck {
  private readonly sources: DataSources;
  private readonly datasets;

  constructor(
    private readonly env: WorkerRunBindings,
    private readonly wallIso: () => string = () => new Date().toISOString(),
  ) {
    this.datasets = rpcDatasetStore(env.DATASETS);
    // No file system on Workers: `csv` is rejected at request time (csvAllowed is false).
    this.sources = new DataSources(this.datasets, null);
  }

  /** Whether `data_source: "csv"` is served (never on Workers). */
  get csvAllowed(): boolean {
    return this.sources.csvAllowed;
  }

  async create(request: BacktestRequest, caller: CallerFacts): Promise<RunStatus> {
    const now = this.wallIso();
    const status: RunStatus = { run_id: crypto.randomUUID(), state: "queued", progress: 0, created_at: now, started_at: null, finished_at: null, error: null };
    const record = { status, request, key_id: caller.keyId };
    return (await this.run(status.run_id).create(record, { type: "state", timestamp: now, payload: { state: "queued" } })) as RunStatus;
  }

  async get(runId: string): Promise<RunStatus | null> {
    return (await this.run(runId).getStatus()) as RunStatus | null;
  }

  async list(query: RunListQuery): Promise<RunListPage> {
    const index = this.env.RUN_INDEX.get(this.env.RUN_INDEX.idFromName(RUN_INDEX_NAME));
    return (await index.list(query)) as RunListPage;
  }

  async cancel(runId: string): Promise<CancelOutcome> {
    return (await this.run(runId).cancel()) as CancelOutcome;
  }

  async result(runId: string): Promise<ResultLookup> {
    return (await this.run(runId).result()) as ResultLookup;
  }

  async resultSection(runId: string, section: ResultSection, offset: number, limit: number): Promise<SectionLookup> {
    return (await this.run(runId).resultSection(section, offset, limit)) as SectionLookup;
  }

  async events(runId: string, afterId: number, limit: number): Promise<RunEvent[] | null> {
    return (await this.run(runId).events(afterId, limit)) as RunEvent[] | null;
  }

  async uploadDataset(symbol: string, resolution: BacktestRequest["resolution"], csv: string): Promise<DatasetInfo> {
    const { series, info } = parseDatasetUpload(symbol, resolution, csv, this.wallIso());
    await this.datasets.putDataset(series, info);
    return info;
  }

  listDatasets(): Promise<DatasetInfo[]> {
    return this.datasets.listDatasets();
  }

  check(request: BacktestRequest): Promise<void> {
    return this.sources.check(request);
  }

  private run(runId: string) {
    return this.env.RUNS.get(this.env.RUNS.idFromName(runId));
  }
}
