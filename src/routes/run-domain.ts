/**
 * Wires the run domain into the app: the run and dataset routes, and the stream gateway. Hosts
 * pass their own `RunsApi`/`DatasetsApi`/`RequestDataCheck` (and gateway); without them an
 * in-process `RunService` over the given (or an in-memory) store serves everything, so
 * `createApp` works with no store at all (embedding, tests).
 */
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Config } from "../config.ts";
import type { StreamGateway, WebSocketUpgrader } from "../host.ts";
import type { AppEnv } from "../http/context.ts";
import type { DatasetStore } from "../runs/dataset-store.ts";
import { createInMemoryDatasetStore } from "../runs/memory-dataset-store.ts";
import { createInMemoryRunStore } from "../runs/memory-run-store.ts";
import { LOCAL_SLICE_MS, RunService } from "../runs/run-service.ts";
import type { RunStore } from "../runs/run-store.ts";
import { InProcessTrialEvaluator } from "../runs/optimizations/in-process-trial-evaluator.ts";
import { createInMemoryOptimizationStore } from "../runs/optimizations/memory-optimization-store.ts";
import { OptimizationService } from "../runs/optimizations/optimization-service.ts";
import type { OptimizationsApi } from "../runs/optimizations/optimizations-api.ts";
import type { DatasetsApi, RequestDataCheck, RunsApi } from "../runs/runs-api.ts";
import type { RuntimeName } from "../version.ts";
import { registerBacktestRoutes } from "./backtests/backtests.handlers.ts";
import type { StreamLimits, StreamSubscriptions } from "./backtests/local-stream-gateway.ts";
import { createLocalStreamGateway } from "./backtests/local-stream-gateway.ts";
import { registerDatasetRoutes } from "./datasets/datasets.handlers.ts";
import { registerOptimizationRoutes, registerOptimizationStreamRoute } from "./optimizations/optimizations.handlers.ts";

/** The run-domain parts of `AppOptions`. */
export interface RunDomainOptions {
  config: Config;
  runtime: RuntimeName;
  upgradeWebSocket: WebSocketUpgrader;
  /** Run storage for the default in-process service; default: in memory. */
  store?: RunStore;
  /** Dataset storage for the default in-process service; default: in memory. */
  datasetStore?: DatasetStore;
  /** An in-process service serving runs, datasets, data checks and streams (Node, Deno, embedding). */
  service?: RunService;
  runs?: RunsApi;
  datasets?: DatasetsApi;
  dataCheck?: RequestDataCheck;
  streams?: StreamGateway;
  /** Whether `data_source: "csv"` is served; default: whether the service has a CSV file source. */
  csvAllowed?: boolean;
  /** WebSocket backpressure of the default gateway. */
  streamLimits?: StreamLimits;
  /**
   * An in-process optimisation service (Node, Deno). Without it and without `optimizations`, an
   * app with the in-process run service gets an in-memory one whose trials run in-process.
   */
  optimizationService?: OptimizationService;
  /** The optimisation domain of hosts with their own (Workers); without any, the `/v1/optimizations` routes are not registered. */
  optimizations?: OptimizationsApi;
  /** Subscriptions to optimisation event logs, for the default gateway's optimisation streams. */
  optimizationSubscriptions?: StreamSubscriptions;
}

/**
 * Registers the run and dataset routes (and the optimisation routes with their stream route when
 * `optimizations` is given); returns the stream gateway to use.
 */
export function registerRunDomain(app: OpenAPIHono<AppEnv>, options: RunDomainOptions): StreamGateway {
  const store = options.service?.store ?? options.store ?? createInMemoryRunStore();
  const needsService = !options.runs || !options.datasets || !options.dataCheck || !options.streams;
  const service =
    options.service ??
    (needsService
      ? new RunService({ store, datasets: options.datasetStore ?? createInMemoryDatasetStore(), maxConcurrentRuns: options.config.maxConcurrentRuns })
      : null);
  const optimizationService = options.optimizationService ?? (!options.optimizations && service && !options.runs ? defaultOptimizationService(service, options.config) : null);
  const optimizations = options.optimizations ?? optimizationService ?? undefined;
  const optimizationSubscriptions = options.optimizationSubscriptions ?? optimizationService ?? undefined;
  const requestContext = { runtime: options.runtime, csvAllowed: options.csvAllowed ?? service?.sources.csvAllowed ?? false, maxSymbols: options.config.maxSymbols };
  registerBacktestRoutes(app, { runs: options.runs ?? service!, dataCheck: options.dataCheck ?? service!, requestContext });
  registerDatasetRoutes(app, options.datasets ?? service!);
  if (optimizations) registerOptimizationRoutes(app, { optimizations, dataCheck: options.dataCheck ?? service!, requestContext });
  const streams = options.streams ?? createLocalStreamGateway({
    backtests: { store, subscriptions: service ?? undefined },
    optimizations: optimizations ? { statuses: optimizations, subscriptions: optimizationSubscriptions } : undefined,
    upgrade: options.upgradeWebSocket,
    limits: options.streamLimits,
    quota: { maxSubscribersPerRun: options.config.maxSubscribersPerRun, maxStreamsPerKey: options.config.maxStreamsPerKey },
  });
  if (optimizations) registerOptimizationStreamRoute(app, { streams, upgradeWebSocket: options.upgradeWebSocket });
  return streams;
}

/** In-memory optimisations whose trials run in-process on the run service's data (embedding, tests). */
function defaultOptimizationService(runs: RunService, config: Config): OptimizationService {
  const evaluator = new InProcessTrialEvaluator({
    providerFor: (request) => runs.providerFor(request.base_backtest),
    clock: { monotonic: () => performance.now(), yieldControl: () => new Promise((resolve) => setTimeout(resolve, 0)), sliceMs: LOCAL_SLICE_MS },
  });
  return new OptimizationService({ store: createInMemoryOptimizationStore(), evaluator, maxConcurrentOptimizations: config.maxConcurrentOptimizations });
}
