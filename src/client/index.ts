/**
 * The client side of GlowBack, without the server: the typed REST client and the run stream
 * helper. Host-neutral (browsers, Node, Deno); also re-exported from the package entry.
 */
export { createGlowBackClient, GlowBackApiError } from "./client.ts";
export type {
  BacktestPage, BacktestResult, BacktestStatus, CreateBacktestBody, DatasetInfo, DatasetResolution, GlowBackClient, GlowBackClientOptions,
  ResultSection, ResultSectionPage, RunEventPage, StrategyInfo,
} from "./client.ts";
export { RunStreamError, runEvents, runStreamUrl, streamRun } from "./stream.ts";
export type {
  ReconnectOptions, RunStream, RunStreamErrorKind, RunStreamOptions, RunStreamState, WebSocketConstructorLike, WebSocketLike,
} from "./stream.ts";
export type { AppSchema, AppType } from "../routes/app-type.ts";
