/** `GET /healthz` and `GET /v1/healthz`: liveness, version and runtime. Public. */
import { createRoute, z } from "@hono/zod-openapi";

/** Body of a health check. */
export const HealthSchema = z
  .object({
    status: z.literal("healthy"),
    version: z.string().openapi({ example: "0.1.0", description: "Package version." }),
    runtime: z.enum(["node", "deno", "workerd"]).openapi({ description: "Host runtime serving the request." }),
  })
  .openapi("Health");

const healthResponses = {
  200: { description: "The service is up.", content: { "application/json": { schema: HealthSchema } } },
};

/** The versioned health route (documented). */
export const healthRoute = createRoute({
  method: "get",
  path: "/v1/healthz",
  tags: ["health"],
  summary: "Health check (no authentication)",
  security: [],
  responses: healthResponses,
});

/** The unversioned health route (documented too: probes use it). */
export const rootHealthRoute = createRoute({
  method: "get",
  path: "/healthz",
  tags: ["health"],
  summary: "Health check (no authentication)",
  security: [],
  responses: healthResponses,
});
