/**
 * Registers an OpenAPI route at its canonical `/v1` path and, hidden from the document, at the
 * legacy alias without `/v1` (API spec §1). Both run the same handler.
 */
import type { OpenAPIHono, RouteConfig } from "@hono/zod-openapi";
import type { Context } from "hono";
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

/**
 * Registers `validating` at its `/v1` path and legacy alias, both hidden from the document, and
 * documents `documented` in its place. The two differ only in the body schema: the document
 * describes every field, while the route hands the raw JSON to the engine's normaliser so that one
 * 422 lists every broken rule (a zod shape check first would stop at the first mistyped field).
 */
export function openapiDocumentedAs(app: OpenAPIHono<AppEnv>, validating: RouteConfig, documented: RouteConfig, handler: (c: Context<AppEnv>) => Promise<Response>): void {
  if (!validating.path.startsWith("/v1/")) throw new Error(`route ${validating.path} must start with /v1/`);
  app.openAPIRegistry.registerPath(documented);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const untyped = handler as any;
  app.openapi({ ...validating, hide: true }, untyped);
  app.openapi({ ...validating, path: validating.path.slice(3), hide: true }, untyped);
}
