/** Handlers of the optimisation routes: thin adapters from HTTP to `OptimizationsApi`. */
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { OptimizationRequest, RequestContext } from "../../engine/index.ts";
import { EngineValidationError } from "../../engine/index.ts";
import type { AppEnv } from "../../http/context.ts";
import { ApiError, validationError } from "../../http/errors.ts";
import { mountPrefix } from "../../http/mount-prefix.ts";
import { decodeListCursor } from "../../runs/list-cursor.ts";
import type { OptimizationState, OptimizationStatus } from "../../runs/optimizations/optimization-types.ts";
import type { OptimizationsApi } from "../../runs/optimizations/optimizations-api.ts";
import type { RequestDataCheck } from "../../runs/runs-api.ts";
import { etagMatches, nextPageLink } from "../backtests/http-links.ts";
import type { StreamRouteDeps } from "../backtests/stream.handlers.ts";
import { registerStreamRoute } from "../backtests/stream.handlers.ts";
import { openapiDocumentedAs, openapiWithLegacy } from "../register.ts";
import { OPTIMIZATION_NOT_FOUND_REASON } from "../streams/stream-sources.ts";
import { createOptimizationBodySchema } from "./optimization-request.schemas.ts";
import {
  cancelOptimizationRoute, createOptimizationRoute, getOptimizationRoute, listOptimizationsRoute, optimizationEventsRoute,
  optimizationResultRoute, optimizationStreamRoute, resumeOptimizationRoute,
} from "./optimizations.routes.ts";

/** What the optimisation routes need. */
export interface OptimizationRouteDeps {
  optimizations: OptimizationsApi;
  /** The host's data check, applied to the base backtest. */
  dataCheck: RequestDataCheck;
  requestContext: RequestContext;
}

const notFound = () => new ApiError("not_found", OPTIMIZATION_NOT_FOUND_REASON);

function conflict(message: string, status: OptimizationStatus): ApiError {
  return new ApiError("conflict", message, { details: { state: status.state, error: status.error } });
}

async function checkBaseData(dataCheck: RequestDataCheck, request: OptimizationRequest): Promise<void> {
  try {
    await dataCheck.check(request.base_backtest);
  } catch (error) {
    if (!(error instanceof EngineValidationError)) throw error;
    throw validationError(error.issues.map((i) => ({ loc: ["body", "base_backtest", ...i.loc], msg: i.msg, type: i.type })));
  }
}

const caller = (c: Context<AppEnv>) => ({ keyId: c.get("keyId"), requestId: c.get("requestId") });
const idOf = (c: Context<AppEnv>) => c.req.param("optimization_id") ?? "";

/** Adds the optimisation routes (and their legacy aliases); the stream route is added with the gateway. */
export function registerOptimizationRoutes(app: OpenAPIHono<AppEnv>, deps: OptimizationRouteDeps): void {
  const { optimizations } = deps;
  const validatingCreateRoute = {
    ...createOptimizationRoute,
    request: { body: { required: true, content: { "application/json": { schema: createOptimizationBodySchema(deps.requestContext) } } } },
  };

  openapiDocumentedAs(app, validatingCreateRoute, createOptimizationRoute, async (c) => {
    const request = (c.req.valid as (t: "json") => OptimizationRequest)("json");
    await checkBaseData(deps.dataCheck, request);
    const status = await optimizations.createOptimization(request, caller(c));
    c.header("Location", `${mountPrefix(c)}/v1/optimizations/${status.optimization_id}`);
    return c.json(status, 201);
  });

  openapiWithLegacy(app, listOptimizationsRoute, async (c: Context<AppEnv>) => {
    const query = (c.req.valid as (t: "query") => { state?: OptimizationState; limit: number; cursor?: string })("query");
    if (query.cursor !== undefined) {
      try {
        decodeListCursor(query.cursor);
      } catch (error) {
        throw validationError([{ loc: ["query", "cursor"], msg: (error as Error).message, type: "value_error" }]);
      }
    }
    const page = await optimizations.listOptimizations({ state: query.state ?? null, limit: query.limit, cursor: query.cursor ?? null });
    if (page.next_cursor !== null) c.header("Link", nextPageLink(c.req.url, { cursor: page.next_cursor }));
    return c.json(page.items, 200);
  });

  openapiWithLegacy(app, getOptimizationRoute, async (c: Context<AppEnv>) => {
    const status = await optimizations.getOptimization(idOf(c));
    if (status === null) throw notFound();
    return c.json(status, 200);
  });

  openapiWithLegacy(app, optimizationResultRoute, async (c: Context<AppEnv>) => {
    const found = await optimizations.optimizationResult(idOf(c));
    if (found.kind === "not_found") throw notFound();
    if (found.kind === "not_ready") throw conflict(`Result not available: the optimization is ${found.status.state}`, found.status);
    const etag = `"${found.etag}"`;
    if (etagMatches(c.req.header("if-none-match"), etag)) {
      // The body reads the store page by page; release it unread.
      await found.body.cancel();
      return c.body(null, 304, { ETag: etag });
    }
    return c.body(found.body, 200, { ETag: etag, "Content-Type": "application/json; charset=utf-8" });
  });

  openapiWithLegacy(app, cancelOptimizationRoute, async (c: Context<AppEnv>) => {
    const outcome = await optimizations.cancelOptimization(idOf(c), caller(c));
    if (outcome.kind === "not_found") throw notFound();
    if (outcome.kind === "conflict") throw conflict(`Optimization already ${outcome.status.state}`, outcome.status);
    return c.json(outcome.status, 200);
  });

  openapiWithLegacy(app, resumeOptimizationRoute, async (c: Context<AppEnv>) => {
    const outcome = await optimizations.resumeOptimization(idOf(c), caller(c));
    if (outcome.kind === "not_found") throw notFound();
    if (outcome.kind === "conflict") {
      throw conflict(`Optimization is ${outcome.status.state}; only a cancelled or failed optimization can be resumed`, outcome.status);
    }
    return c.json(outcome.status, 200);
  });

  openapiWithLegacy(app, optimizationEventsRoute, async (c: Context<AppEnv>) => {
    const { after, limit } = (c.req.valid as (t: "query") => { after: number; limit: number })("query");
    const events = await optimizations.optimizationEvents(idOf(c), after, limit);
    if (events === null) throw notFound();
    return c.json(events, 200);
  });
}

/** Adds the optimisation stream route (and its legacy alias) over the host's gateway. */
export function registerOptimizationStreamRoute(app: OpenAPIHono<AppEnv>, deps: StreamRouteDeps): void {
  registerStreamRoute(app, optimizationStreamRoute, { kind: "optimizations", param: "optimization_id" }, deps);
}
