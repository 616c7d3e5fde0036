/** Registers `GET /v1/strategies` (and its legacy alias). */
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { STRATEGY_INFOS } from "../../engine/index.ts";
import type { AppEnv } from "../../http/context.ts";
import { openapiWithLegacy } from "../register.ts";
import { listStrategiesRoute } from "./strategies.routes.ts";

/** Adds the strategies route; the body is serialised once (the registry is static). */
export function registerStrategyRoutes(app: OpenAPIHono<AppEnv>): void {
  const body = JSON.stringify(STRATEGY_INFOS);
  openapiWithLegacy(app, listStrategiesRoute, (c: Context<AppEnv>) =>
    c.body(body, 200, { "Content-Type": "application/json; charset=utf-8" }),
  );
}
