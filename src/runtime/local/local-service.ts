/**
 * The run domain of a local host (Node, Deno): the store per `GLOWBACK_STORAGE` (`sqlite` in
 * `GLOWBACK_DATA_DIR`, or `memory`), CSV files of the data directory, the `RunService` and the
 * `OptimizationService` over them (trials on a worker-thread pool of `GLOWBACK_TRIAL_WORKERS`
 * threads, or in-process with 0), hashing with `node:crypto` (both hosts have it). `close()` stops
 * runs and optimisations (they resume on the next start) and closes the database.
 */
import type { Config } from "../../config.ts";
import type { Logger } from "../../logging/logger.ts";
import { createInMemoryDatasetStore } from "../../runs/memory-dataset-store.ts";
import { createInMemoryRunStore } from "../../runs/memory-run-store.ts";
import { InProcessTrialEvaluator } from "../../runs/optimizations/in-process-trial-evaluator.ts";
import { createInMemoryOptimizationStore } from "../../runs/optimizations/memory-optimization-store.ts";
import { OptimizationService } from "../../runs/optimizations/optimization-service.ts";
import type { TrialEvaluator } from "../../runs/optimizations/trial-evaluator.ts";
import { LOCAL_SLICE_MS, RunService } from "../../runs/run-service.ts";
import { createSqlDatasetStore } from "../../runs/sql/sql-dataset-store.ts";
import { createSqlOptimizationStore } from "../../runs/sql/sql-optimization-store.ts";
import { createSqlRunStore } from "../../runs/sql/sql-run-store.ts";
import { createTurnYield } from "../../runs/turn-yield.ts";
import { openLocalDatabase } from "../sqlite/open-local-database.ts";
import { createCsvFileSource } from "./csv-files.ts";
import { createNodeHasher } from "./node-hasher.ts";
import { createTrialWorkerPool, resolveTrialWorkers } from "./trial-pool/index.ts";

/** A started local run domain. */
export interface LocalRunDomain {
  service: RunService;
  optimizations: OptimizationService;
  /** Ids of the runs picked up again after a restart. */
  resumed: string[];
  /** Ids of the optimisations picked up again after a restart. */
  resumedOptimizations: string[];
  close(): Promise<void>;
}

const describeError = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

/** Opens the store, builds the services and resumes what a previous process left active. */
export async function startLocalRunDomain(config: Config, logger?: Logger): Promise<LocalRunDomain> {
  const db = config.storage === "sqlite" ? await openLocalDatabase(config.dataDir) : null;
  const service = new RunService({
    store: db ? createSqlRunStore(db) : createInMemoryRunStore(),
    datasets: db ? createSqlDatasetStore(db) : createInMemoryDatasetStore(),
    csvFiles: createCsvFileSource(config.dataDir),
    maxConcurrentRuns: config.maxConcurrentRuns,
    createHasher: createNodeHasher,
    onInternalError: (runId, error) => logger?.error({ event: "run_error", run_id: runId, error: describeError(error) }),
  });
  const evaluator = trialEvaluator(config, service);
  const optimizations = new OptimizationService({
    store: db ? createSqlOptimizationStore(db) : createInMemoryOptimizationStore(),
    evaluator,
    maxConcurrentOptimizations: config.maxConcurrentOptimizations,
    createHasher: createNodeHasher,
    onInternalError: (id, error) => logger?.error({ event: "optimization_error", optimization_id: id, error: describeError(error) }),
  });
  const resumed = await service.resumeActiveRuns();
  if (resumed.length > 0) logger?.info({ event: "runs_resumed", count: resumed.length, run_ids: resumed.join(",") });
  const resumedOptimizations = await optimizations.resumeActive();
  if (resumedOptimizations.length > 0) {
    logger?.info({ event: "optimizations_resumed", count: resumedOptimizations.length, optimization_ids: resumedOptimizations.join(",") });
  }
  return {
    service,
    optimizations,
    resumed,
    resumedOptimizations,
    async close() {
      await Promise.all([service.close(), optimizations.close()]);
      await evaluator.close?.();
      db?.close();
    },
  };
}

/** Worker threads per `GLOWBACK_TRIAL_WORKERS`, or the server's own thread for 0. */
function trialEvaluator(config: Config, runs: RunService): TrialEvaluator {
  const threads = resolveTrialWorkers(config.trialWorkers);
  if (threads === 0) {
    return new InProcessTrialEvaluator({
      providerFor: (request) => runs.providerFor(request.base_backtest),
      clock: { monotonic: () => performance.now(), yieldControl: createTurnYield(), sliceMs: LOCAL_SLICE_MS },
      createHasher: createNodeHasher,
    });
  }
  return createTrialWorkerPool({ size: threads, providerFor: (request) => runs.providerFor(request) });
}
