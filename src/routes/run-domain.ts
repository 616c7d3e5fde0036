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
import { RunService } from "../runs/run-service.ts";
import type { RunStore } from "../runs/run-store.ts";
import type { DatasetsApi, RequestDataCheck, RunsApi } from "../runs/runs-api.ts";
import type { RuntimeName } from "../version.ts";
import { registerBacktestRoutes } from "./backtests/backtests.handlers.ts";
import type { StreamLimits } from "./backtests/local-stream-gateway.ts";
import { createLocalStreamGateway } from "./backtests/local-stream-gateway.ts";
import { registerDatasetRoutes } from "./datasets/datasets.handlers.ts";

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
}

/** Registers the run and dataset routes; returns the stream gateway to use. */
export function registerRunDomain(app: OpenAPIHono<AppEnv>, options: RunDomainOptions): StreamGateway {
  const store = options.service?.store ?? options.store ?? createInMemoryRunStore();
  const needsService = !options.runs || !options.datasets || !options.dataCheck || !options.streams;
  const service =
    options.service ??
    (needsService
      ? new RunService({ store, datasets: options.datasetStore ?? createInMemoryDatasetStore(), maxConcurrentRuns: options.config.maxConcurrentRuns })
      : null);
  const requestContext = { runtime: options.runtime, csvAllowed: options.csvAllowed ?? service?.sources.csvAllowed ?? false, maxSymbols: options.config.maxSymbols };
  registerBacktestRoutes(app, { runs: options.runs ?? service!, dataCheck: options.dataCheck ?? service!, requestContext });
  registerDatasetRoutes(app, options.datasets ?? service!);
  return options.streams ?? createLocalStreamGateway({ store, upgrade: options.upgradeWebSocket, subscriptions: service ?? undefined, limits: options.streamLimits,
    quota: { maxSubscribersPerRun: options.config.maxSubscribersPerRun, maxStreamsPerKey: options.config.maxStreamsPerKey },
  });
}
