/**
 * The run domain of a local host (Node, Deno): the store per `GLOWBACK_STORAGE` (`sqlite` in
 * `GLOWBACK_DATA_DIR`, or `memory`), CSV files of the data directory, and the `RunService` over
 * them, hashing with `node:crypto` (both hosts have it). `close()` stops the runs (they resume on the next start) and closes the database.
 */
import type { Config } from "../../config.ts";
import type { Logger } from "../../logging/logger.ts";
import { createInMemoryDatasetStore } from "../../runs/memory-dataset-store.ts";
import { createInMemoryRunStore } from "../../runs/memory-run-store.ts";
import { RunService } from "../../runs/run-service.ts";
import { createSqlDatasetStore } from "../../runs/sql/sql-dataset-store.ts";
import { createSqlRunStore } from "../../runs/sql/sql-run-store.ts";
import { openLocalDatabase } from "../sqlite/open-local-database.ts";
import { createCsvFileSource } from "./csv-files.ts";
import { createNodeHasher } from "./node-hasher.ts";

/** A started local run domain. */
export interface LocalRunDomain {
  service: RunService;
  /** Ids of the runs picked up again after a restart. */
  resumed: string[];
  close(): Promise<void>;
}

/** Opens the store, builds the service and resumes the runs a previous process left active. */
export async function startLocalRunDomain(config: Config, logger?: Logger): Promise<LocalRunDomain> {
  const db = config.storage === "sqlite" ? await openLocalDatabase(config.dataDir) : null;
  const service = new RunService({
    store: db ? createSqlRunStore(db) : createInMemoryRunStore(),
    datasets: db ? createSqlDatasetStore(db) : createInMemoryDatasetStore(),
    csvFiles: createCsvFileSource(config.dataDir),
    maxConcurrentRuns: config.maxConcurrentRuns,
    createHasher: createNodeHasher,
    onInternalError: (runId, error) =>
      logger?.error({ event: "run_error", run_id: runId, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }),
  });
  const resumed = await service.resumeActiveRuns();
  if (resumed.length > 0) logger?.info({ event: "runs_resumed", count: resumed.length, run_ids: resumed.join(",") });
  return {
    service,
    resumed,
    async close() {
      await service.close();
      db?.close();
    },
  };
}
