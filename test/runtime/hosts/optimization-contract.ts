/**
 * The black-box contract of optimisations on a real started server (issue 6): create → stream over
 * WebSocket and SSE → status and results (whose `replay_backtest` reproduces the best trial as a
 * backtest) → cancel → resume → completes with trial numbers 1..N, no duplicates and the same
 * trials as an uninterrupted search → (local hosts) a restart mid-search loses no trial and
 * re-runs none. The tests share one server and run in order.
 */
import { expect, it } from "vitest";
import type { HostName } from "../../support/host-servers.ts";
import { readSseStream, readWebSocketStream } from "../../support/event-streams.ts";
import type { WireEvent } from "../../support/run-http.ts";
import { RunHttp } from "../../support/run-http.ts";
import { slowOptimizationBody, smallOptimizationBody } from "../../support/optimization-bodies.ts";
import type { HostTarget } from "./host-contract.ts";

/** What the optimisation contract needs from its host file. */
export interface OptimizationContractOptions {
  runtime: HostName;
  apiKey: string;
  target: () => HostTarget;
  /** Stops the server and starts it again on the same storage; absent where a mid-search restart is not tested. */
  restart?: () => Promise<void>;
}

type Json = Record<string, unknown>;
type Trial = { number: number; parameters: Json; status: string; objective: number | null; metrics: Record<string, number | null>; error: string | null };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO_Z = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

/** What makes two executions' trials "the same": everything but timing. */
const comparable = (trials: Trial[]) => trials.map(({ number, parameters, status, objective, metrics, error }) => ({ number, parameters, status, objective, metrics, error }));

/** Registers the optimisation tests for one host. */
export function optimizationContract(options: OptimizationContractOptions): void {
  const http = new RunHttp(() => options.target().baseUrl, options.apiKey);
  const key = { "X-API-Key": options.apiKey };
  const path = (id: string, rest = "") => `/v1/optimizations/${id}${rest}`;

  const create = async (body: Json): Promise<Json> => {
    const { res, json } = await http.call("/v1/optimizations", { body });
    if (res.status !== 201) expect.fail(`POST /v1/optimizations answered ${res.status}: ${JSON.stringify(json)}`);
    return json;
  };
  const waitFor = async (id: string, done: (s: Json) => boolean, timeoutMs = 60_000): Promise<Json> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { json } = await http.call(path(id));
      if (done(json)) return json;
      if (Date.now() > deadline) expect.fail(`optimization ${id} stayed ${JSON.stringify(json)}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };
  const allEvents = async (id: string): Promise<WireEvent[]> => {
    const events: WireEvent[] = [];
    for (;;) {
      const after = events.length === 0 ? 0 : events[events.length - 1].event_id;
      const { res, json } = await http.call<WireEvent[]>(path(id, `/events?after=${after}&limit=1000`));
      if (res.status !== 200) expect.fail(`events of ${id} answered ${res.status}`);
      events.push(...json);
      if (json.length < 1000) return events;
    }
  };
  const results = async (id: string) => {
    const reply = await http.call<{ trials: Trial[]; best_trial: Trial | null; replay_backtest: Json | null; manifest: Json }>(path(id, "/results"));
    if (reply.res.status !== 200) expect.fail(`results of ${id} answered ${reply.res.status}: ${JSON.stringify(reply.json)}`);
    return reply;
  };
  const expectOneToN = (trials: Trial[], n: number) => expect(trials.map((t) => t.number)).toEqual(Array.from({ length: n }, (_, i) => i + 1));

  let smallId = "";
  let events: WireEvent[] = [];
  let slowReference: Trial[] = [];
  const needSmall = () => (smallId === "" ? expect.fail("the create test did not produce an optimization") : smallId);

  it("POST /v1/optimizations: 201 queued with Location and the search's totals", async () => {
    const { res, json } = await http.call("/v1/optimizations", { body: smallOptimizationBody() });
    expect(res.status).toBe(201);
    smallId = String(json.optimization_id);
    expect(smallId).toMatch(UUID);
    expect(res.headers.get("location")).toBe(`/v1/optimizations/${smallId}`);
    expect(json).toMatchObject({
      optimization_id: smallId, name: "small grid", state: "queued", progress: 0, created_at: expect.stringMatching(ISO_Z), finished_at: null, error: null,
      search_method: "grid", objective_metric: "sharpe_ratio", direction: "maximize", total_trials: 6, completed_trials: 0, failed_trials: 0, best_trial: null,
    });
  });

  it("streams the search over a WebSocket: state, a trial + progress per trial, best-so-far, completed; gap-free", async () => {
    const stream = await readWebSocketStream(http.url(path(needSmall(), "/stream")), key);
    events = await allEvents(smallId);
    expect(stream).toMatchObject({ status: 101, code: 1000 });
    expect(stream.events).toEqual(events);
    expect(events.map((e) => e.event_id)).toEqual(events.map((_, i) => i + 1));
    const states = events.filter((e) => e.type === "state").map((e) => e.payload.state);
    expect(states).toEqual(["queued", "running", "completed"]);
    const trials = events.filter((e) => e.type === "trial").map((e) => (e.payload.trial as Trial).number);
    expect([...trials].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(events.filter((e) => e.type === "progress").at(-1)?.payload).toMatchObject({ progress: 1, total_trials: 6, running_trials: 0 });
    expect(events.filter((e) => e.type === "best").length).toBeGreaterThanOrEqual(1);
  });

  it("streams the same events over SSE", async () => {
    const stream = await readSseStream(http.url(path(needSmall(), "/stream")), key);
    expect(stream.status).toBe(200);
    expect(stream.messages.map((m) => m.data)).toEqual(events);
    expect(stream.messages.map((m) => m.event)).toEqual(events.map((e) => e.type));
  });

  it("status and results agree: 6 trials, the best trial, and a replay_backtest that reproduces it as a backtest", async () => {
    const status = (await http.call(path(needSmall()))).json;
    const { res, json } = await results(smallId);
    expect(status).toMatchObject({ state: "completed", progress: 1, running_trials: 0, total_trials: 6 });
    expect(Number(status.completed_trials) + Number(status.failed_trials)).toBe(6);
    expectOneToN(json.trials, 6);
    expect(json.best_trial).toEqual(status.best_trial);
    const objectives = json.trials.filter((t) => t.objective !== null).map((t) => t.objective!);
    expect(json.best_trial?.objective).toBe(Math.max(...objectives));
    const etag = res.headers.get("etag");
    expect(etag).toMatch(/^".+"$/);
    const again = await http.call(path(smallId, "/results"), { headers: { "If-None-Match": etag! } });
    expect(again.res.status).toBe(304);
    const run = await http.create(json.replay_backtest!);
    await http.waitForState(run.runId, ["completed"]);
    const replay = (await http.call<{ metrics_summary: Record<string, number> }>(`/v1/backtests/${run.runId}/results`)).json;
    expect(replay.metrics_summary.sharpe_ratio).toBe(json.best_trial!.metrics.full_sharpe_ratio);
    expect(replay.metrics_summary.total_return).toBe(json.best_trial!.metrics.full_total_return);
  });

  it("lists newest first with Link paging; unknown ids are 404; results of a running search are 409", async () => {
    const second = await create(smallOptimizationBody({ name: "second" }));
    const page = await http.call<Json[]>("/v1/optimizations?limit=1");
    expect(page.res.status).toBe(200);
    expect(page.json.map((s) => s.optimization_id)).toEqual([second.optimization_id]);
    expect(page.res.headers.get("link")).toMatch(/rel="next"/);
    const unknown = await http.call(path("00000000-0000-4000-8000-000000000000"));
    expect(unknown.res.status).toBe(404);
    expect((await http.call(path("00000000-0000-4000-8000-000000000000", "/results"))).res.status).toBe(404);
    await waitFor(String(second.optimization_id), (s) => s.state === "completed");
    const cancelDone = await http.call(path(String(second.optimization_id), "/cancel"), { method: "POST" });
    expect(cancelDone.res.status).toBe(409);
    const resumeDone = await http.call(path(String(second.optimization_id), "/resume"), { method: "POST" });
    expect(resumeDone.res.status).toBe(409);
  });

  it("an uninterrupted slow search completes (the reference of the next tests)", async () => {
    const created = await create(slowOptimizationBody());
    await waitFor(String(created.optimization_id), (s) => s.state === "completed", 120_000);
    slowReference = (await results(String(created.optimization_id))).json.trials;
    expectOneToN(slowReference, 24);
  }, 150_000);

  it("cancel mid-search → cancelled at once (results 409) → resume → completes with trials 1..N, no duplicate, the same trials", async () => {
    const created = await create(slowOptimizationBody());
    const id = String(created.optimization_id);
    const mid = await waitFor(id, (s) => Number(s.completed_trials) + Number(s.failed_trials) >= 3);
    expect(mid).toMatchObject({ state: "running" });
    expect(mid.best_trial).not.toBeNull();
    const cancelled = await http.call(path(id, "/cancel"), { method: "POST" });
    expect(cancelled.res.status).toBe(200);
    expect(cancelled.json).toMatchObject({ optimization_id: id, state: "cancelled", running_trials: 0 });
    expect((await http.call(path(id, "/cancel"), { method: "POST" })).res.status).toBe(409);
    const notReady = await http.call<{ error: { details: Json } }>(path(id, "/results"));
    expect(notReady.res.status).toBe(409);
    expect(notReady.json.error.details).toMatchObject({ state: "cancelled" });
    const kept = Number(cancelled.json.completed_trials) + Number(cancelled.json.failed_trials);
    const resumed = await http.call(path(id, "/resume"), { method: "POST" });
    expect(resumed.res.status).toBe(200);
    expect(resumed.json).toMatchObject({ optimization_id: id, state: "queued", finished_at: null });
    expect(Number(resumed.json.completed_trials) + Number(resumed.json.failed_trials)).toBe(kept);
    await waitFor(id, (s) => s.state === "completed", 120_000);
    const { json } = await results(id);
    expectOneToN(json.trials, 24);
    expect(comparable(json.trials)).toEqual(comparable(slowReference));
    const log = await allEvents(id);
    expect(log.map((e) => e.event_id)).toEqual(log.map((_, i) => i + 1));
    const trialNumbers = log.filter((e) => e.type === "trial").map((e) => (e.payload.trial as Trial).number);
    expect(new Set(trialNumbers).size).toBe(trialNumbers.length);
    expect(trialNumbers.length).toBe(24);
    expect(log.filter((e) => e.type === "state").map((e) => e.payload.state)).toEqual(["queued", "running", "cancelled", "queued", "running", "completed"]);
    const stream = await readWebSocketStream(http.url(path(id, "/stream")), key);
    expect(stream.events).toEqual(log);
  }, 150_000);

  if (options.restart) {
    it("a restart mid-search loses no trial and re-runs none: it completes with the same trials", async () => {
      const created = await create(slowOptimizationBody());
      const id = String(created.optimization_id);
      const mid = await waitFor(id, (s) => Number(s.completed_trials) + Number(s.failed_trials) >= 3);
      expect(mid).toMatchObject({ state: "running" });
      await options.restart!();
      await waitFor(id, (s) => s.state === "completed", 120_000);
      const { json } = await results(id);
      expectOneToN(json.trials, 24);
      expect(comparable(json.trials)).toEqual(comparable(slowReference));
      const log = await allEvents(id);
      const trialNumbers = log.filter((e) => e.type === "trial").map((e) => (e.payload.trial as Trial).number);
      expect(trialNumbers.length).toBe(24);
      expect(new Set(trialNumbers).size).toBe(24);
    }, 180_000);
  }
}
