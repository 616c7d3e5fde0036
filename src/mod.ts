/**
 * Public entry for embedding GlowBack in another fetch-based app:
 * `createApp({ config: parseConfig(env), runtime })` returns a Hono app whose `fetch` can be mounted.
 * The Workers entry (with the run Durable Object class) is `src/runtime/worker.ts`.
 */
export { createApp } from "./app.ts";
export type { AppOptions } from "./app.ts";
export { ConfigError, parseConfig } from "./config.ts";
export type { Config, EnvSource, LogLevel } from "./config.ts";
export type { ConnectionIpResolver, ServerSocket, SocketHandlers, StreamGateway, StreamRequest, WebSocketUpgrader } from "./host.ts";
export type { AppEnv, RequestVariables, Transport } from "./http/context.ts";
export { ApiError } from "./http/errors.ts";
export type { ErrorCode, ValidationDetail } from "./http/errors.ts";
export type { LogSink, Logger } from "./logging/logger.ts";
export type { RunStore } from "./runs/run-store.ts";
export type { RunEvent, RunState, RunStatus } from "./runs/run-types.ts";
export { PACKAGE_VERSION } from "./version.ts";
export type { RuntimeName } from "./version.ts";
export * from "./client/index.ts";
