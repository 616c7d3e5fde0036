/**
 * The Durable Object that holds every uploaded dataset (one instance, `idFromName("datasets")`):
 * the SQL dataset store over its own SQLite storage, served over RPC. Series are small next to
 * the per-object storage limit (an upload is bounded by the request body limit), and run objects
 * read a series once per run, so one instance is enough.
 */
import { DurableObject } from "cloudflare:workers";
import type { LoadedSeries, Resolution } from "../../engine/types.ts";
import type { DatasetInfo, DatasetStore } from "../../runs/dataset-store.ts";
import { createSqlDatasetStore } from "../../runs/sql/sql-dataset-store.ts";
import { durableObjectSqlDriver } from "./durable-object-sql-driver.ts";
import type { WorkerEnv } from "./worker-env.ts";

/** Name of the single dataset object. */
export const DATASETS_OBJECT_NAME = "datasets";

/** The dataset store object. */
export class DatasetStoreObject extends DurableObject<WorkerEnv> {
  private readonly store: DatasetStore;

  constructor(ctx: DurableObjectState, env: WorkerEnv) {
    super(ctx, env);
    this.store = createSqlDatasetStore(durableObjectSqlDriver(ctx.storage));
  }

  /** Stores (replaces) one series and its summary. */
  put(series: LoadedSeries, info: DatasetInfo): Promise<void> {
    return this.store.putDataset(series, info);
  }

  /** One stored series, or null. */
  get(symbol: string, resolution: Resolution): Promise<LoadedSeries | null> {
    return this.store.getDataset(symbol, resolution);
  }

  /** The summary of one stored series, or null. */
  info(symbol: string, resolution: Resolution): Promise<DatasetInfo | null> {
    return this.store.getDatasetInfo(symbol, resolution);
  }

  /** Every stored series' summary, by symbol then resolution. */
  list(): Promise<DatasetInfo[]> {
    return this.store.listDatasets();
  }
}
