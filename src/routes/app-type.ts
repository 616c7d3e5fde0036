/**
 * `AppType`: the app's `/v1` routes as a Hono schema type, for `hc<AppType>` (the typed client).
 * Handlers are registered through functions that return `void` (so the app's own type carries no
 * routes); this derives the same schema from the `createRoute` definitions, exactly as
 * `app.openapi(route, handler)` would, without touching the runtime. Type-only: emits nothing.
 */
import type { OpenAPIHono, RouteConfig } from "@hono/zod-openapi";
import type { AppEnv } from "../http/context.ts";
import type {
  cancelRoute, createRunRoute, eventsRoute, getRunRoute, listRunsRoute, resultRoute, sectionRoute,
} from "./backtests/backtests.routes.ts";
import type { listDatasetsRoute, uploadDatasetRoute } from "./datasets/datasets.routes.ts";
import type { healthRoute } from "./health/health.routes.ts";
import type {
  cancelOptimizationRoute, createOptimizationRoute, getOptimizationRoute, listOptimizationsRoute, optimizationEventsRoute,
  optimizationResultRoute, resumeOptimizationRoute,
} from "./optimizations/optimizations.routes.ts";
import type { listStrategiesRoute } from "./strategies/strategies.routes.ts";

declare const base: OpenAPIHono<AppEnv>;

/** The schema `app.openapi(route, …)` adds for `R`. */
type RouteSchema<R extends RouteConfig> =
  ReturnType<typeof base.openapi<R>> extends OpenAPIHono<AppEnv, infer S, "/"> ? S : never;

/**
 * Every documented `/v1` route of the app (the stream routes are WebSocket/SSE endpoints: see
 * `streamRun`/`streamOptimization`). The optimisation routes exist when the host serves them.
 */
export type AppSchema = RouteSchema<typeof createRunRoute> &
  RouteSchema<typeof listRunsRoute> &
  RouteSchema<typeof getRunRoute> &
  RouteSchema<typeof resultRoute> &
  RouteSchema<typeof sectionRoute> &
  RouteSchema<typeof cancelRoute> &
  RouteSchema<typeof eventsRoute> &
  RouteSchema<typeof uploadDatasetRoute> &
  RouteSchema<typeof listDatasetsRoute> &
  RouteSchema<typeof listStrategiesRoute> &
  RouteSchema<typeof healthRoute> &
  RouteSchema<typeof createOptimizationRoute> &
  RouteSchema<typeof listOptimizationsRoute> &
  RouteSchema<typeof getOptimizationRoute> &
  RouteSchema<typeof optimizationResultRoute> &
  RouteSchema<typeof cancelOptimizationRoute> &
  RouteSchema<typeof resumeOptimizationRoute> &
  RouteSchema<typeof optimizationEventsRoute>;

/** The app as `hc` sees it: `hc<AppType>(baseUrl)`. */
export type AppType = OpenAPIHono<AppEnv, AppSchema, "/">;
