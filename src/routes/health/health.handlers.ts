/** Registers the health routes. */
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../http/context.ts";
import type { RuntimeName } from "../../version.ts";
import { PACKAGE_VERSION } from "../../version.ts";
import { healthRoute, rootHealthRoute } from "./health.routes.ts";

/** Adds `/healthz` and `/v1/healthz`. */
export function registerHealthRoutes(app: OpenAPIHono<AppEnv>, runtime: RuntimeName): void {
  const body = { status: "healthy", version: PACKAGE_VERSION, runtime } as const;
  app.openapi(healthRoute, (c) => c.json(body, 200));
  app.openapi(rootHealthRoute, (c) => c.json(body, 200));
}
