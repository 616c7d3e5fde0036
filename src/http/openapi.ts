/**
 * OpenAPI conventions: the three security schemes of API spec §2, the security requirement of
 * every protected operation, the shared error responses, and dual registration of each route at
 * `/v1/...` (documented) and its legacy alias (hidden).
 */
import { z } from "@hono/zod-openapi";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "./context.ts";

/** Security requirement of a protected HTTP operation: bearer or X-API-Key. */
export const HEADER_SECURITY: Record<string, string[]>[] = [{ bearerAuth: [] }, { apiKeyHeader: [] }];
/** Security requirement of a stream operation: also the `api_key` query parameter. */
export const STREAM_SECURITY: Record<string, string[]>[] = [...HEADER_SECURITY, { apiKeyQuery: [] }];

/** Registers the security schemes on the app's OpenAPI registry. */
export function registerSecuritySchemes(app: OpenAPIHono<AppEnv>): void {
  const registry = app.openAPIRegistry;
  registry.registerComponent("securitySchemes", "bearerAuth", {
    type: "http",
    scheme: "bearer",
    description: "`Authorization: Bearer <key>`. Checked first.",
  });
  registry.registerComponent("securitySchemes", "apiKeyHeader", {
    type: "apiKey",
    in: "header",
    name: "X-API-Key",
    description: "`X-API-Key: <key>`. Checked when no Bearer token is sent.",
  });
  registry.registerComponent("securitySchemes", "apiKeyQuery", {
    type: "apiKey",
    in: "query",
    name: "api_key",
    description:
      "`?api_key=<key>` — accepted ONLY on the stream endpoints (WebSocket and SSE), for browser clients that cannot set headers. Prefer a header everywhere else; URLs end up in histories and proxy logs.",
  });
}

const ErrorEnvelope = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: "not_found" }),
      message: z.string().openapi({ example: "Run not found" }),
      details: z.unknown().nullable(),
    }),
    request_id: z.string(),
  })
  .openapi("Error");

const errorResponse = (description: string) => ({
  description,
  content: { "application/json": { schema: ErrorEnvelope } },
});

/** Error responses every protected operation can return. */
export const PROTECTED_ERROR_RESPONSES = {
  401: errorResponse("Invalid or missing API key (`WWW-Authenticate: Bearer realm=\"glowback\"`)."),
  422: errorResponse("Validation failed; `details` lists `{loc, msg, type}` entries."),
  500: errorResponse("Internal error; the message is generic and the error is logged with its request id."),
} as const;

/** An error response with a description, for route-specific statuses. */
export const errorResponseOf = errorResponse;
