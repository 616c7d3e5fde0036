/**
 * The client side of GlowBack, without the server: the typed REST client and the run and
 * optimisation stream helpers. Host-neutral (browsers, Node, Deno); also re-exported from the package entry.
 */
export { createGlowBackClient, GlowBackApiError } from "./client.ts";
export type {
  BacktestPage, BacktestResult, BacktestStatus, CreateBacktestBody, CreateOptimizationBody, DatasetInfo, DatasetResolution, GlowBackClient,
  GlowBackClientOptions, OptimizationEventPage, OptimizationPage, OptimizationResult, OptimizationStatus, ResultSection, ResultSectionPage,
  RunEventPage, StrategyInfo,
} from "./client.ts";
export { RunStreamError, optimizationEvents, optimizationStreamUrl, runEvents, runStreamUrl, streamOptimization, streamRun } from "./stream.ts";
export type {
  OptimizationEvent, OptimizationStream, OptimizationStreamOptions, ReconnectOptions, RunStream, RunStreamErrorKind, RunStreamOptions, RunStreamState, WebSocketConstructorLike, WebSocketLike,
} from "./stream.ts";
export type { AppSchema, AppType } from "../routes/app-type.ts";
