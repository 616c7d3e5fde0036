/**
 * A `DatasetStore` whose methods are RPC calls to the dataset object, so the portable
 * `DataSources` (providers and request-time checks) work unchanged in the Worker and in run
 * objects.
 */
import type { LoadedSeries } from "../../engine/types.ts";
import type { DatasetInfo, DatasetStore } from "../../runs/dataset-store.ts";
import { DATASETS_OBJECT_NAME } from "./dataset-store-object.ts";
import type { DatasetStoreObject } from "./dataset-store-object.ts";

/** The store over the `DATASETS` namespace. */
export function rpcDatasetStore(namespace: DurableObjectNamespace<DatasetStoreObject>): DatasetStore {
  // A stub is cheap, but one per call keeps a broken connection from outliving a failed call.
  const stub = () => namespace.get(namespace.idFromName(DATASETS_OBJECT_NAME));
  return {
    async putDataset(series, info) {
      await stub().put(series, info);
    },
    async getDataset(symbol, resolution) {
      return (await stub().get(symbol, resolution)) as LoadedSeries | null;
    },
    async getDatasetInfo(symbol, resolution) {
      return (await stub().info(symbol, resolution)) as DatasetInfo | null;
    },
    async listDatasets() {
      return (await stub().list()) as DatasetInfo[];
    },
  };
}
