/**
 * Registers an OpenAPI route at its canonical `/v1` path and, hidden from the document, at the
 * legacy alias without `/v1` (API spec §1). Both run the same handler.
 */
import type { OpenAPIHono, RouteConfig } from "@hono/zod-openapi";
import type { AppEnv } from "../http/context.ts";

/** Registers `route` (whose path starts with `/v1/`) and its legacy alias. */
export function openapiWithLegacy<R extends RouteConfig>(
  app: OpenAPIHono<AppEnv>,
  route: R,
  // The handler's parameter types are derived per route by the caller's `app.openapi` overload.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  handler: any,
): void {
  if (!route.path.startsWith("/v1/")) throw new Error(`route ${route.path} must start with /v1/`);
  app.openapi(route, handler);
  app.openapi({ ...route, path: route.path.slice(3), hide: true }, handler);
}
