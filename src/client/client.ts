/**
 * `createGlowBackClient`: a typed client of the `/v1` API built on the app's own route types
 * (`hc<AppType>`), with the API key sent as `Authorization: Bearer` on every call, and convenience
 * methods that return typed bodies or throw `GlowBackApiError`.
 */
import { hc } from "hono/client";
import type { AppType } from "../routes/app-type.ts";
import { GlowBackApiError, apiErrorFrom } from "./api-error.ts";
import { nextCursorOf } from "./link-header.ts";

/** Options of `createGlowBackClient`. */
export interface GlowBackClientOptions {
  /** Where the API is served, e.g. `http://127.0.0.1:8787` (a path prefix is kept). */
  baseUrl: string;
  /** Sent as `Authorization: Bearer <key>`; omit in development mode. */
  apiKey?: string;
  /** A fetch to use instead of the global one (e.g. `(input, init) => app.request(input, init)`). */
  fetch?: typeof fetch;
}

type Api = ReturnType<typeof hc<AppType>>;
type Awaitable<T> = T | Promise<T>;
type ListQuery = Parameters<Api["v1"]["backtests"]["$get"]>[0]["query"];

/** Body of `POST /v1/backtests` (the request schema's input type). */
export type CreateBacktestBody = Parameters<Api["v1"]["backtests"]["$post"]>[0]["json"];
/** A run's status (`BacktestStatus`). */
export type BacktestStatus = Body<ReturnType<Api["v1"]["backtests"][":run_id"]["$get"]>, 200>;
/** The bounded result of a completed run. */
export type BacktestResult = Body<ReturnType<Api["v1"]["backtests"][":run_id"]["results"]["$get"]>, 200>;
/** One page of a result section. */
export type ResultSectionPage = Body<ReturnType<Api["v1"]["backtests"][":run_id"]["results"][":section"]["$get"]>, 200>;
/** Name of a pageable result section. */
export type ResultSection = Parameters<Api["v1"]["backtests"][":run_id"]["results"][":section"]["$get"]>[0]["param"]["section"];
/** A page of stored events. */
export type RunEventPage = Body<ReturnType<Api["v1"]["backtests"][":run_id"]["events"]["$get"]>, 200>;
/** A stored dataset's summary. */
export type DatasetInfo = Body<ReturnType<Api["v1"]["datasets"]["$get"]>, 200>[number];
/** A built-in strategy with its parameter schemas. */
export type StrategyInfo = Body<ReturnType<Api["v1"]["strategies"]["$get"]>, 200>[number];
/** Bar resolution of an uploaded series. */
export type DatasetResolution = DatasetInfo["resolution"];
/** Body of `POST /v1/optimizations` (the documented request's input type). */
export type CreateOptimizationBody = Parameters<Api["v1"]["optimizations"]["$post"]>[0]["json"];
/** An optimisation's status (`OptimizationStatus`). */
export type OptimizationStatus = Body<ReturnType<Api["v1"]["optimizations"][":optimization_id"]["$get"]>, 200>;
/** A completed optimisation's result. */
export type OptimizationResult = Body<ReturnType<Api["v1"]["optimizations"][":optimization_id"]["results"]["$get"]>, 200>;
/** A page of an optimisation's stored events. */
export type OptimizationEventPage = Body<ReturnType<Api["v1"]["optimizations"][":optimization_id"]["events"]["$get"]>, 200>;
/** One page of optimisations and the cursor of the next (null on the last page). */
export interface OptimizationPage {
  items: OptimizationStatus[];
  nextCursor: string | null;
}
/** One page of runs and the cursor of the next (null on the last page). */
export interface BacktestPage {
  items: BacktestStatus[];
  nextCursor: string | null;
}

type Body<P, S extends number> = Awaited<P> extends infer R ? (R extends { status: S; json(): Promise<infer B> } ? B : never) : never;

/** Returns the body when the response has `status`, else throws the API's error. */
async function expect<R extends { status: number; json(): Promise<unknown> }, S extends number>(
  pending: Awaitable<R>,
  status: S,
): Promise<Body<R, S>> {
  const response = await pending;
  if (response.status !== status) throw await apiErrorFrom(response as unknown as Response);
  return (await response.json()) as Body<R, S>;
}

/** The typed client: `api` is the raw `hc` proxy; the methods wrap the common calls. */
export function createGlowBackClient(options: GlowBackClientOptions) {
  const headers: Record<string, string> = options.apiKey ? { Authorization: `Bearer ${options.apiKey}` } : {};
  const api: Api = hc<AppType>(options.baseUrl, { headers, ...(options.fetch ? { fetch: options.fetch } : {}) });
  const run = () => api.v1.backtests[":run_id"];
  const param = (id: string) => ({ param: { run_id: id } });
  const optimization = () => api.v1.optimizations[":optimization_id"];
  const optParam = (id: string) => ({ param: { optimization_id: id } });
  const str = (n: number | undefined) => (n === undefined ? undefined : String(n));

  return {
    api,
    /** `POST /v1/backtests` → 201 status. */
    createBacktest: (body: CreateBacktestBody): Promise<BacktestStatus> => expect(api.v1.backtests.$post({ json: body }), 201),
    /** `GET /v1/backtests/{id}`. */
    getBacktest: (id: string): Promise<BacktestStatus> => expect(run().$get(param(id)), 200),
    /** `GET /v1/backtests`, newest first; `nextCursor` comes from the `Link` header. */
    async listBacktests(query: { state?: ListQuery["state"]; limit?: number; cursor?: string } = {}): Promise<BacktestPage> {
      const response = await api.v1.backtests.$get({ query: { state: query.state, limit: str(query.limit), cursor: query.cursor } });
      const items = await expect(response, 200);
      return { items, nextCursor: nextCursorOf(response.headers.get("link")) };
    },
    /** `GET /v1/backtests/{id}/results` (409 while not completed). */
    results: (id: string): Promise<BacktestResult> => expect(run().results.$get(param(id)), 200),
    /** `GET /v1/backtests/{id}/results/{section}?offset=&limit=`. */
    resultSection: (id: string, section: ResultSection, page: { offset?: number; limit?: number } = {}): Promise<ResultSectionPage> =>
      expect(run().results[":section"].$get({ param: { run_id: id, section }, query: { offset: str(page.offset), limit: str(page.limit) } }), 200),
    /** `POST /v1/backtests/{id}/cancel` (409 when already terminal). */
    cancel: (id: string): Promise<BacktestStatus> => expect(run().cancel.$post(param(id)), 200),
    /** `GET /v1/backtests/{id}/events?after=&limit=`. */
    events: (id: string, page: { after?: number; limit?: number } = {}): Promise<RunEventPage> =>
      expect(run().events.$get({ ...param(id), query: { after: str(page.after), limit: str(page.limit) } }), 200),
    /** `POST /v1/datasets/{symbol}?resolution=` with a CSV body → 201 summary. */
    uploadDataset: (symbol: string, resolution: DatasetResolution, csv: string): Promise<DatasetInfo> =>
      expect(
        api.v1.datasets[":symbol"].$post({ param: { symbol }, query: { resolution } }, { headers: { "Content-Type": "text/csv" }, init: { body: csv } }),
        201,
      ),
    /** `GET /v1/datasets`. */
    listDatasets: (): Promise<DatasetInfo[]> => expect(api.v1.datasets.$get(), 200),
    /** `GET /v1/strategies`: names, descriptions and parameter schemas. */
    strategies: (): Promise<StrategyInfo[]> => expect(api.v1.strategies.$get(), 200),
    /** `POST /v1/optimizations` → 201 status (hosts that serve optimisations). */
    createOptimization: (body: CreateOptimizationBody): Promise<OptimizationStatus> => expect(api.v1.optimizations.$post({ json: body }), 201),
    /** `GET /v1/optimizations/{id}`. */
    getOptimization: (id: string): Promise<OptimizationStatus> => expect(optimization().$get(optParam(id)), 200),
    /** `GET /v1/optimizations`, newest first; `nextCursor` comes from the `Link` header. */
    async listOptimizations(query: { state?: ListQuery["state"]; limit?: number; cursor?: string } = {}): Promise<OptimizationPage> {
      const response = await api.v1.optimizations.$get({ query: { state: query.state, limit: str(query.limit), cursor: query.cursor } });
      const items = await expect(response, 200);
      return { items, nextCursor: nextCursorOf(response.headers.get("link")) };
    },
    /** `GET /v1/optimizations/{id}/results` (409 while not completed). */
    optimizationResult: (id: string): Promise<OptimizationResult> => expect(optimization().results.$get(optParam(id)), 200),
    /** `POST /v1/optimizations/{id}/cancel` (409 when already terminal). */
    cancelOptimization: (id: string): Promise<OptimizationStatus> => expect(optimization().cancel.$post(optParam(id)), 200),
    /** `POST /v1/optimizations/{id}/resume` (409 unless cancelled or failed). */
    resumeOptimization: (id: string): Promise<OptimizationStatus> => expect(optimization().resume.$post(optParam(id)), 200),
    /** `GET /v1/optimizations/{id}/events?after=&limit=`. */
    optimizationEventPage: (id: string, page: { after?: number; limit?: number } = {}): Promise<OptimizationEventPage> =>
      expect(optimization().events.$get({ ...optParam(id), query: { after: str(page.after), limit: str(page.limit) } }), 200),
  };
}

/** What `createGlowBackClient` returns. */
export type GlowBackClient = ReturnType<typeof createGlowBackClient>;

export { GlowBackApiError };
