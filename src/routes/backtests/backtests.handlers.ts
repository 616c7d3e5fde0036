/** Handlers of the run routes: thin adapters from HTTP to `RunsApi`. */
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { EngineValidationError } from "../../engine/index.ts";
import type { BacktestRequest, RequestContext } from "../../engine/index.ts";
import type { AppEnv } from "../../http/context.ts";
import { ApiError, validationError } from "../../http/errors.ts";
import { mountPrefix } from "../../http/mount-prefix.ts";
import { decodeListCursor } from "../../runs/list-cursor.ts";
import type { RunStatus } from "../../runs/run-types.ts";
import type { RequestDataCheck, RunsApi } from "../../runs/runs-api.ts";
import { openapiDocumentedAs, openapiWithLegacy } from "../register.ts";
import {
  cancelRoute, createRunRoute, eventsRoute, getRunRoute, listRunsRoute, resultRoute, sectionRoute, validatingCreateRunRoute,
} from "./backtests.routes.ts";
import { etagMatches, nextPageLink } from "./http-links.ts";

/** What the run routes need. */
export interface BacktestRouteDeps {
  runs: RunsApi;
  dataCheck: RequestDataCheck;
  requestContext: RequestContext;
}

const RUN_NOT_FOUND = "Run not found";

function notFound(): ApiError {
  return new ApiError("not_found", RUN_NOT_FOUND);
}

function conflict(message: string, status: RunStatus): ApiError {
  return new ApiError("conflict", message, { details: { state: status.state, error: status.error } });
}

async function checkData(dataCheck: RequestDataCheck, request: BacktestRequest): Promise<void> {
  try {
    await dataCheck.check(request);
  } catch (error) {
    if (!(error instanceof EngineValidationError)) throw error;
    throw validationError(error.issues.map((i) => ({ loc: ["body", ...i.loc], msg: i.msg, type: i.type })));
  }
}

const caller = (c: Context<AppEnv>) => ({ keyId: c.get("keyId"), requestId: c.get("requestId") });

/** Adds the run routes (and their legacy aliases). */
export function registerBacktestRoutes(app: OpenAPIHono<AppEnv>, deps: BacktestRouteDeps): void {
  const { runs } = deps;

  openapiDocumentedAs(app, validatingCreateRunRoute(deps.requestContext), createRunRoute, async (c: Context<AppEnv>) => {
    const request = (c.req.valid as (t: "json") => BacktestRequest)("json");
    await checkData(deps.dataCheck, request);
    const status = await runs.create(request, caller(c));
    c.header("Location", `${mountPrefix(c)}/v1/backtests/${status.run_id}`);
    return c.json(status, 201);
  });

  openapiWithLegacy(app, listRunsRoute, async (c: Context<AppEnv>) => {
    const query = (c.req.valid as (t: "query") => { state?: RunStatus["state"]; limit: number; cursor?: string })("query");
    if (query.cursor !== undefined) {
      try {
        decodeListCursor(query.cursor);
      } catch (error) {
        throw validationError([{ loc: ["query", "cursor"], msg: (error as Error).message, type: "value_error" }]);
      }
    }
    const page = await runs.list({ state: query.state ?? null, limit: query.limit, cursor: query.cursor ?? null });
    if (page.next_cursor !== null) c.header("Link", nextPageLink(c.req.url, { cursor: page.next_cursor }));
    return c.json(page.items, 200);
  });

  openapiWithLegacy(app, getRunRoute, async (c: Context<AppEnv>) => {
    const status = await runs.get(c.req.param("run_id") ?? "");
    if (status === null) throw notFound();
    return c.json(status, 200);
  });

  openapiWithLegacy(app, resultRoute, async (c: Context<AppEnv>) => {
    const found = await runs.result(c.req.param("run_id") ?? "");
    if (found.kind === "not_found") throw notFound();
    if (found.kind === "not_ready") throw conflict(`Result not available: the run is ${found.status.state}`, found.status);
    const etag = `"${found.etag}"`;
    if (etagMatches(c.req.header("if-none-match"), etag)) return c.body(null, 304, { ETag: etag });
    return c.body(found.body, 200, { ETag: etag, "Content-Type": "application/json; charset=utf-8" });
  });

  openapiWithLegacy(app, sectionRoute, async (c: Context<AppEnv>) => {
    const { run_id, section } = (c.req.valid as (t: "param") => { run_id: string; section: Parameters<RunsApi["resultSection"]>[1] })("param");
    const { offset, limit } = (c.req.valid as (t: "query") => { offset: number; limit: number })("query");
    const page = await runs.resultSection(run_id, section, offset, limit);
    if (page.kind === "not_found") throw notFound();
    if (page.kind === "not_ready") throw conflict(`Result not available: the run is ${page.status.state}`, page.status);
    return c.json({ run_id, section, offset, limit, total: page.total, items: page.items }, 200);
  });

  openapiWithLegacy(app, cancelRoute, async (c: Context<AppEnv>) => {
    const outcome = await runs.cancel(c.req.param("run_id") ?? "", caller(c));
    if (outcome.kind === "not_found") throw notFound();
    if (outcome.kind === "conflict") throw conflict(`Run already ${outcome.status.state}`, outcome.status);
    return c.json(outcome.status, 200);
  });

  openapiWithLegacy(app, eventsRoute, async (c: Context<AppEnv>) => {
    const { after, limit } = (c.req.valid as (t: "query") => { after: number; limit: number })("query");
    const events = await runs.events(c.req.param("run_id") ?? "", after, limit);
    if (events === null) throw notFound();
    return c.json(events, 200);
  });
}
