/**
 * Workers host: the default export's `fetch` serves the app (built once per isolate from `env`).
 * Durable Objects: `RunObject` (one per run), `RunIndexObject` (listing), `DatasetStoreObject`
 * (uploaded series), `OptimizationObject` (one per optimisation), `OptimizationIndexObject`
 * (listing), `TrialObject` (optimisation trials) and `RateLimiterObject`. Authentication happens
 * here, before any Durable Object is touched.
 */
import type { Context } from "hono";
import { createApp } from "../app.ts";
import type { Config } from "../config.ts";
import { ConfigError, parseConfig } from "../config.ts";
import type { ServerSocket, WebSocketUpgrader } from "../host.ts";
import { ApiError, errorBody } from "../http/errors.ts";
import { resolveRequestId } from "../http/middleware/request-context.ts";
import { applySecurityHeaders } from "../http/middleware/security-headers.ts";
import { durableObjectRateLimiter } from "./worker/rate-limiter-object.ts";
import { createDurableObjectStreamGateway, ownerIn } from "./worker/stream-gateway.ts";
import type { WorkerEnv } from "./worker/worker-env.ts";
import { WorkerOptimizationsApi } from "./worker/worker-optimizations-api.ts";
import { WorkerRunsApi } from "./worker/worker-runs-api.ts";

export { DatasetStoreObject } from "./worker/dataset-store-object.ts";
export { OptimizationIndexObject } from "./worker/optimization-index-object.ts";
export { OptimizationObject } from "./worker/optimization-object.ts";
export { RateLimiterObject } from "./worker/rate-limiter-object.ts";
export { RunIndexObject } from "./worker/run-index-object.ts";
export { RunObject } from "./worker/run-object.ts";
export { TrialObject } from "./worker/trial-object.ts";

/** Completes upgrades with a `WebSocketPair` (used for answers the Worker gives itself, e.g. 1008). */
export const workerWebSocketUpgrader: WebSocketUpgrader = (_c, handlers) => {
  const [client, server] = Object.values(new WebSocketPair());
  server.accept();
  const socket: ServerSocket = { send: (text) => server.send(text), close: (code, reason) => server.close(code, reason) };
  server.addEventListener("message", (event) => handlers.onMessage?.(event.data, socket));
  server.addEventListener("close", (event) => handlers.onClose?.(event.code, event.reason));
  handlers.onOpen(socket);
  return new Response(null, { status: 101, webSocket: client });
};

/** `CF-Connecting-IP`, which Cloudflare sets on every request it forwards. */
export function workerConnectionIp(c: Context): string | null {
  return c.req.header("cf-connecting-ip") ?? null;
}

function stringVars(env: WorkerEnv): Record<string, string | undefined> {
  const vars: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(env)) if (typeof value === "string") vars[name] = value;
  return vars;
}

type Built = { app: ReturnType<typeof createApp> } | { error: ConfigError };

function build(env: WorkerEnv): Built {
  let config: Config;
  try {
    config = parseConfig(stringVars(env));
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(JSON.stringify({ level: "error", event: "startup", message: error.message }));
      return { error };
    }
    throw error;
  }
  const runs = new WorkerRunsApi(env);
  const app = createApp({
    config,
    runtime: "workerd",
    logSink: (line) => console.log(line),
    connectionIp: workerConnectionIp,
    upgradeWebSocket: workerWebSocketUpgrader,
    runs,
    datasets: runs,
    dataCheck: runs,
    csvAllowed: runs.csvAllowed,
    optimizations: new WorkerOptimizationsApi(env),
    streams: createDurableObjectStreamGateway({ backtests: ownerIn(env.RUNS), optimizations: ownerIn(env.OPTIMIZATIONS) }),
    rateLimiter: durableObjectRateLimiter(env.RATE_LIMITER),
  });
  return { app };
}

/**
 * The answer of a Worker whose configuration is invalid (a Worker cannot refuse to start; the
 * reason was logged once): 500 in the path's error shape, with a request id and the security
 * headers every response carries.
 */
function misconfigured(request: Request): Response {
  const requestId = resolveRequestId(request.headers.get("X-Request-ID"));
  const body = errorBody(new URL(request.url).pathname, requestId, new ApiError("internal_error", "Service misconfigured"));
  const headers = new Headers({ "Content-Type": "application/json; charset=utf-8", "X-Request-ID": requestId });
  applySecurityHeaders(headers);
  return new Response(JSON.stringify(body), { status: 500, headers });
}

/** The Worker's fetch handler; it builds the app from the first request's `env` and keeps it. */
export function createWorkerHandler(): ExportedHandler<WorkerEnv> & { fetch: NonNullable<ExportedHandler<WorkerEnv>["fetch"]> } {
  let built: Built | null = null;
  return {
    fetch(request: Request, env: WorkerEnv, ctx: ExecutionContext): Response | Promise<Response> {
      built ??= build(env);
      if ("error" in built) return misconfigured(request);
      return built.app.fetch(request, env, ctx);
    },
  };
}

export default createWorkerHandler();
