/** `GET /v1/strategies` as data. */
import { createRoute, z } from "@hono/zod-openapi";
import { HEADER_SECURITY, PROTECTED_ERROR_RESPONSES } from "../../http/openapi.ts";
import { StrategyInfoSchema } from "./strategies.schemas.ts";

/** `GET /v1/strategies`: every registered strategy with its parameter schemas. */
export const listStrategiesRoute = createRoute({
  method: "get",
  path: "/v1/strategies",
  tags: ["strategies"],
  security: HEADER_SECURITY,
  summary: "List the strategies and their parameters",
  description: "Names, descriptions and parameter schemas (type, default, range, unit) of the built-in strategies, so clients can build forms.",
  responses: {
    200: { description: "The strategies, in the engine's order.", content: { "application/json": { schema: z.array(StrategyInfoSchema) } } },
    ...PROTECTED_ERROR_RESPONSES,
  },
});
