/** Handlers of the datasets routes. */
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { EngineValidationError } from "../../engine/index.ts";
import type { Resolution } from "../../engine/index.ts";
import type { AppEnv } from "../../http/context.ts";
import { validationError } from "../../http/errors.ts";
import type { DatasetsApi } from "../../runs/runs-api.ts";
import { openapiWithLegacy } from "../register.ts";
import { listDatasetsRoute, uploadDatasetRoute } from "./datasets.routes.ts";

/** Adds the datasets routes (and their legacy aliases). */
export function registerDatasetRoutes(app: OpenAPIHono<AppEnv>, datasets: DatasetsApi): void {
  openapiWithLegacy(app, uploadDatasetRoute, async (c: Context<AppEnv>) => {
    const { symbol } = (c.req.valid as (t: "param") => { symbol: string })("param");
    const { resolution } = (c.req.valid as (t: "query") => { resolution: Resolution })("query");
    const csv = await c.req.text();
    if (csv.trim().length === 0) throw validationError([{ loc: ["body"], msg: "The CSV body is empty", type: "missing" }]);
    try {
      const info = await datasets.uploadDataset(symbol, resolution, csv, { keyId: c.get("keyId"), requestId: c.get("requestId") });
      return c.json(info, 201);
    } catch (error) {
      if (!(error instanceof EngineValidationError)) throw error;
      throw validationError(error.issues.map((i) => ({ loc: ["body"], msg: i.msg, type: i.type })), "Invalid CSV");
    }
  });

  openapiWithLegacy(app, listDatasetsRoute, async (c: Context<AppEnv>) => c.json(await datasets.listDatasets(), 200));
}
