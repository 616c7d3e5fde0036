/**
 * `createApp(options)`: the GlowBack Hono app — middleware, routes, OpenAPI document and docs.
 * It knows nothing of its host: hosts pass in config, logging sink and the small adapters of
 * `host.ts`. Tests drive the same app with `app.request()`.
 */
import { OpenAPIHono } from "@hono/zod-openapi";
import type { Context, MiddlewareHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { Config } from "./config.ts";
import type { ConnectionIpResolver, WebSocketUpgrader } from "./host.ts";
import { createKeyRing, type Sha256 } from "./http/auth/key-ring.ts";
import type { AppEnv } from "./http/context.ts";
import { ApiError, renderError, validationError } from "./http/errors.ts";
import { createAllowedMethods } from "./http/method-not-allowed.ts";
import { apiKeyAuth } from "./http/middleware/api-key-auth.ts";
import { bodyLimit } from "./http/middleware/body-limit.ts";
import { cors } from "./http/middleware/cors.ts";
import { jsonBody } from "./http/middleware/json-body.ts";
import { authFailureLimit, rateLimit } from "./http/middleware/rate-limit.ts";
import { requestContext } from "./http/middleware/request-context.ts";
import { runtimeConnectionIp } from "./http/connection-ip.ts";
import { appPath, mountPrefix } from "./http/mount-prefix.ts";
import { securityHeaders } from "./http/middleware/security-headers.ts";
import { registerSecuritySchemes } from "./http/openapi.ts";
import type { RateLimiter } from "./http/rate-limit/limiter.ts";
import { MemoryRateLimiter } from "./http/rate-limit/memory-limiter.ts";
import { validationHook } from "./http/validation.ts";
import type { LogSink, Logger } from "./logging/logger.ts";
import { createLogger } from "./logging/logger.ts";
import { registerStreamRoutes } from "./routes/backtests/stream.handlers.ts";
import { registerDashboardRoutes } from "./routes/dashboard/dashboard.handlers.ts";
import { registerDocsRoutes } from "./routes/docs/docs.handlers.ts";
import { registerHealthRoutes } from "./routes/health/health.handlers.ts";
import { registerStrategyRoutes } from "./routes/strategies/strategies.handlers.ts";
import type { RunDomainOptions } from "./routes/run-domain.ts";
import { registerRunDomain } from "./routes/run-domain.ts";
import type { RuntimeName } from "./version.ts";

/** What a host (or an embedding app) passes to `createApp`. */
export interface AppOptions extends Omit<RunDomainOptions, "config" | "runtime" | "upgradeWebSocket"> {
  config: Config;
  runtime: RuntimeName;
  /** Where log lines go; default: `console.log`. */
  logSink?: LogSink;
  /** The client address from the host's connection info; default: `runtimeConnectionIp` (Node and Deno servers). */
  connectionIp?: ConnectionIpResolver;
  /** Completes WebSocket upgrades on this host; without it stream upgrades fail with 500. */
  upgradeWebSocket?: WebSocketUpgrader;
  /** Hashes API keys; default: Web Crypto. Node passes its synchronous `node:crypto` hash. */
  sha256?: Sha256;
  /** Rate-limit buckets (API spec §9); default: in this process's memory. Workers share them in Durable Objects. */
  rateLimiter?: RateLimiter;
}

const unsupportedUpgrade: WebSocketUpgrader = () => {
  throw new Error("WebSocket upgrades are not configured for this host");
};

/** Builds the app. Logs the development-mode warning once when no key is configured. */
export function createApp(options: AppOptions): OpenAPIHono<AppEnv> {
  const { config } = options;
  const logger: Logger = createLogger({
    format: config.logFormat,
    level: config.logLevel,
    sink: options.logSink ?? ((line) => console.log(line)),
  });
  if (config.apiKeys.length === 0) {
    logger.warn({ event: "startup", message: "authentication disabled: GLOWBACK_API_KEY is not set (development mode)" });
  }
  const upgradeWebSocket = options.upgradeWebSocket ?? unsupportedUpgrade;
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook, strict: true });

  app.use(requestContext({ logger, connectionIp: options.connectionIp ?? runtimeConnectionIp, trustProxy: config.trustProxy }));
  app.use(securityHeaders());
  app.use(cors({ origins: config.corsOrigins }));
  app.use(nonErrorThrows(logger));
  const limiter = options.rateLimiter ?? new MemoryRateLimiter();
  const windowMs = config.rateWindowSeconds * 1000;
  app.use(authFailureLimit({ limiter, upgradeWebSocket, rule: { capacity: config.authFailureLimit, windowMs }, authEnabled: config.apiKeys.length > 0 }));
  app.use(lazyKeyRingAuth(config.apiKeys, logger, upgradeWebSocket, options.sha256));
  app.use(rateLimit({ limiter, upgradeWebSocket, rule: { capacity: config.rateLimit, windowMs } }));
  app.use(bodyLimit(config.maxBodyBytes));
  app.use(jsonBody());

  registerSecuritySchemes(app);
  registerHealthRoutes(app, options.runtime);
  registerDocsRoutes(app);
  registerDashboardRoutes(app);
  registerStrategyRoutes(app);
  // Run and dataset routes, and the stream gateway (default: an in-process, in-memory run service).
  const streams = registerRunDomain(app, { ...options, upgradeWebSocket });
  registerStreamRoutes(app, { streams, upgradeWebSocket });

  const allowedMethods = createAllowedMethods(() => app.routes);
  // Built once: an ApiError is immutable, and capturing a stack trace per 404 is measurable.
  const notFound = new ApiError("not_found", "Not found");
  const unmatched = (c: Context<AppEnv>) => {
    const prefix = mountPrefix(c);
    // Mounted at `/glowback`, the dashboard is `/glowback`; strict routing would make the
    // `/glowback/` people type a 404.
    if (prefix !== "" && c.req.path === `${prefix}/` && (c.req.method === "GET" || c.req.method === "HEAD")) {
      const query = c.req.url.indexOf("?");
      return c.redirect(query < 0 ? prefix : prefix + c.req.url.slice(query), 308);
    }
    const allow = allowedMethods(appPath(c));
    if (allow.length > 0 && !allow.includes(c.req.method)) {
      return renderError(c, new ApiError("method_not_allowed", `Method ${c.req.method} not allowed`, { headers: { Allow: allow.join(", ") } }));
    }
    return renderError(c, notFound);
  };
  // `notFound` is the app's own; a host that mounts the app with `route()` copies routes but not
  // `notFound`, so the same answer is also the last route.
  app.all("*", unmatched);
  app.notFound(unmatched);
  app.onError((error, c) => renderError(c, toApiError(error, c.get("requestId"), logger)));
  return app;
}

/**
 * Hono hands only `Error` instances to `onError`; anything else thrown (a rejected string, say)
 * would escape without the envelope. This turns such values into the same 500.
 */
function nonErrorThrows(logger: Logger): MiddlewareHandler<AppEnv> {
  return async function nonErrorThrowsMiddleware(c, next) {
    try {
      await next();
    } catch (thrown) {
      if (thrown instanceof Error) throw thrown;
      c.res = renderError(c, toApiError(thrown, c.get("requestId"), logger));
    }
  };
}

function lazyKeyRingAuth(entries: string[], logger: Logger, upgradeWebSocket: WebSocketUpgrader, sha256?: Sha256) {
  const keyRing = createKeyRing(entries, sha256);
  let middleware: ReturnType<typeof apiKeyAuth> | null = null;
  return async function authenticate(...args: Parameters<ReturnType<typeof apiKeyAuth>>) {
    middleware ??= apiKeyAuth({ keyRing: await keyRing, logger, upgradeWebSocket });
    return middleware(...args);
  };
}

function toApiError(error: unknown, requestId: string | undefined, logger: Logger): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof HTTPException && error.status === 400 && /json/i.test(error.message)) {
    return validationError([{ loc: ["body"], msg: error.message, type: "json_invalid" }], "Malformed JSON in request body");
  }
  // zod-openapi's media-type gate throws a plain 415 for an empty body sent with another type (a
  // non-empty one is refused earlier by `jsonBody`); it was a 500 (found by the fuzz suite). An
  // empty body is a missing body, as without a Content-Type: 422.
  if (error instanceof HTTPException && error.status === 415) {
    return validationError([{ loc: ["body"], msg: "Request body is required", type: "missing" }]);
  }
  logger.error({
    event: "error",
    request_id: requestId ?? null,
    error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    stack: error instanceof Error ? (error.stack ?? null) : null,
  });
  return new ApiError("internal_error", "Internal server error");
}
