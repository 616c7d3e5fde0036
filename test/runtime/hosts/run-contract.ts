/**
 * The black-box contract of runs on a real started server (API spec §1, §5): create → stream over
 * WebSocket and SSE → resume → status, list, results, sections, events → cancel and validation
 * errors → a dataset run → restart on the same storage, after which everything is still there.
 * The tests share one server and run in order; each host file calls `runContract` after
 * `hostContract`.
 */
import { expect, it } from "vitest";
import type { HostName } from "../../support/host-servers.ts";
import { readSseStream, readWebSocketStream } from "../../support/event-streams.ts";
import type { WireEvent } from "../../support/run-http.ts";
import { RunHttp } from "../../support/run-http.ts";
import { expectCompletedLog } from "../../support/run-log-checks.ts";
import { AAA_DAILY_CSV, datasetRunBody, smallRunBody } from "../../support/run-bodies.ts";
import type { HostTarget } from "./host-contract.ts";

/** What the run contract needs from its host file. */
export interface RunContractOptions {
  runtime: HostName;
  apiKey: string;
  target: () => HostTarget;
  /** Stops the server and starts it again on the same storage (data dir / `--persist-to`). */
  restart: () => Promise<void>;
}

type Json = Record<string, unknown>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO_Z = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

/** Registers the run tests for one host. */
export function runContract(options: RunContractOptions): void {
  const http = new RunHttp(() => options.target().baseUrl, options.apiKey);
  const key = { "X-API-Key": options.apiKey };
  const streamUrl = (runId: string, query = "") => http.url(`/v1/backtests/${runId}/stream${query}`);

  // Shared by the ordered tests below.
  let runId = "";
  let datasetRunId = "";
  let events: WireEvent[] = [];
  const needRun = () => {
    if (runId === "") expect.fail("the create test did not produce a run");
    return runId;
  };

  it("POST /v1/backtests: 201 queued with Location", async () => {
    const { res, json, runId: id } = await http.create(smallRunBody());
    runId = id;
    expect(id).toMatch(UUID);
    expect(res.headers.get("location")).toBe(`/v1/backtests/${id}`);
    expect(json).toEqual({ run_id: id, state: "queued", progress: 0, created_at: expect.stringMatching(ISO_Z), started_at: null, finished_at: null, error: null });
  });

  it("streams the run over a WebSocket: every event gap-free, then close 1000", async () => {
    const stream = await readWebSocketStream(streamUrl(needRun()), key);
    // The stored log is the reference of every later test, also when the stream differs from it.
    events = await http.allEvents(runId);
    expectCompletedLog(events, runId);
    expect(stream).toMatchObject({ status: 101, code: 1000, reason: "Run finished" });
    expect(stream.events).toEqual(events);
  });

  it("streams the same events over SSE with id/event/data, and the stream ends", async () => {
    const stream = await readSseStream(streamUrl(needRun()), key);
    expect(stream.status).toBe(200);
    expect(stream.contentType).toMatch(/^text\/event-stream/);
    expect(stream.messages.map((m) => m.data)).toEqual(events);
    expect(stream.messages.map((m) => m.id)).toEqual(events.map((e) => String(e.event_id)));
    expect(stream.messages.map((m) => m.event)).toEqual(events.map((e) => e.type));
  });

  it("HEAD on the stream: 200 with the SSE content type and no body; an unknown run is 404", async () => {
    for (let i = 0; i < 3; i++) {
      const head = await fetch(streamUrl(needRun()), { method: "HEAD", headers: key });
      expect(head.status).toBe(200);
      expect(head.headers.get("content-type")).toMatch(/^text\/event-stream/);
      expect(await head.text()).toBe("");
    }
    const unknown = await fetch(streamUrl("00000000-0000-4000-8000-000000000000"), { method: "HEAD", headers: key });
    expect(unknown.status).toBe(404);
  });

  it("resumes after event k: WebSocket last_event_id, SSE Last-Event-ID and ?last_event_id", async () => {
    const k = Math.floor(events.length / 2);
    const after = events.slice(k);
    const ws = await readWebSocketStream(streamUrl(needRun(), `?last_event_id=${k}`), key);
    expect(ws).toMatchObject({ status: 101, code: 1000 });
    expect(ws.events).toEqual(after);
    const sseHeader = await readSseStream(streamUrl(runId), { ...key, "Last-Event-ID": String(k) });
    expect(sseHeader.status).toBe(200);
    expect(sseHeader.messages.map((m) => m.data)).toEqual(after);
    const sseQuery = await readSseStream(streamUrl(runId, `?last_event_id=${k}`), key);
    expect(sseQuery.messages.map((m) => m.data)).toEqual(after);
  });

  it("GET /v1/backtests/{id}: completed, progress 1, ordered timestamps", async () => {
    const { res, json } = await http.call(`/v1/backtests/${needRun()}`);
    expect(res.status).toBe(200);
    expect(json).toEqual({
      run_id: runId, state: "completed", progress: 1, error: null,
      created_at: expect.stringMatching(ISO_Z), started_at: expect.stringMatching(ISO_Z), finished_at: expect.stringMatching(ISO_Z),
    });
    expect(String(json.created_at) <= String(json.started_at)).toBe(true);
    expect(String(json.started_at) <= String(json.finished_at)).toBe(true);
  });

  it("results: 200 with ETag = content_hash; If-None-Match ⇒ 304 with an empty body", async () => {
    const { res, json } = await http.call(`/v1/backtests/${needRun()}/results`);
    expect(res.status).toBe(200);
    expect(json.run_id).toBe(runId);
    expect(String(json.content_hash)).toMatch(/^[0-9a-f]{64}$/);
    const etag = `"${String(json.content_hash)}"`;
    expect(res.headers.get("etag")).toBe(etag);
    const again = await http.call(`/v1/backtests/${runId}/results`, { headers: { "If-None-Match": etag } });
    expect(again.res.status).toBe(304);
    expect(again.res.headers.get("etag")).toBe(etag);
    expect(again.json).toBeNull();
    // The last metric event is the curve's last point.
    const curve = json.equity_curve as Json[];
    const metrics = events.filter((e) => e.type === "metric");
    expect(metrics[metrics.length - 1].payload).toMatchObject({ timestamp: curve[curve.length - 1].timestamp, equity: curve[curve.length - 1].value });
  });

  it("a section page holds the section's items from offset", async () => {
    const { json: full } = await http.call(`/v1/backtests/${needRun()}/results`);
    const curve = full.equity_curve as Json[];
    const { res, json } = await http.call(`/v1/backtests/${runId}/results/equity_curve?offset=3&limit=4`);
    expect(res.status).toBe(200);
    expect(json).toEqual({ run_id: runId, section: "equity_curve", offset: 3, limit: 4, total: curve.length, items: curve.slice(3, 7) });
  });

  it("an events page: after=2&limit=3 ⇒ events 3, 4, 5 as the stream sent them", async () => {
    const { res, json } = await http.call<WireEvent[]>(`/v1/backtests/${needRun()}/events?after=2&limit=3`);
    expect(res.status).toBe(200);
    expect(json).toEqual(events.slice(2, 5));
  });

  it("cancel of a completed run ⇒ 409 conflict with state and error", async () => {
    const { res, json } = await http.call(`/v1/backtests/${needRun()}/cancel`, { method: "POST" });
    expect(res.status).toBe(409);
    expect(json).toEqual({ error: { code: "conflict", message: "Run already completed", details: { state: "completed", error: null } }, request_id: res.headers.get("x-request-id") });
  });

  it("an unknown strategy ⇒ 422 naming body.strategy.name", async () => {
    const { res, json } = await http.call("/v1/backtests", { body: smallRunBody({ strategy: { name: "no_such_strategy" } }) });
    expect(res.status).toBe(422);
    const error = json.error as { code: string; details: { loc: unknown[]; msg: string; type: string }[] };
    expect(error.code).toBe("validation_error");
    expect(error.details).toHaveLength(1);
    expect(error.details[0]).toMatchObject({ loc: ["body", "strategy", "name"], type: "unknown_strategy" });
    expect(error.details[0].msg).toContain("no_such_strategy");
  });

  it("uploads a dataset (text/csv) and runs a backtest on it", async () => {
    const upload = await http.call("/v1/datasets/AAA?resolution=day", { body: AAA_DAILY_CSV, headers: { "Content-Type": "text/csv" } });
    expect(upload.res.status).toBe(201);
    expect(upload.json).toMatchObject({
      symbol: "AAA", resolution: "day", bars: 160, start: "2023-01-02T00:00:00.000Z", end: "2023-08-11T00:00:00.000Z",
      fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/), quality: { bars: 160, has_critical_issues: false, sample_data: false },
    });
    const list = await http.call<unknown[]>("/v1/datasets");
    expect(list.json).toEqual([upload.json]);
    const created = await http.create(datasetRunBody());
    datasetRunId = created.runId;
    expect(await http.waitForState(datasetRunId, ["completed", "failed"])).toMatchObject({ state: "completed", error: null });
    const { json } = await http.call<{ manifest: { dataset: { bar_counts: Record<string, number> } } }>(`/v1/backtests/${datasetRunId}/results`);
    expect(json.manifest.dataset.bar_counts).toEqual({ AAA: 160 });
  });

  it("lists newest first, one per page with limit=1, following Link rel=next", async () => {
    if (datasetRunId === "") expect.fail("the dataset test did not produce a run");
    const first = await http.call<Json[]>("/v1/backtests?limit=1");
    expect(first.res.status).toBe(200);
    expect(first.json.map((s) => s.run_id)).toEqual([datasetRunId]);
    const link = first.res.headers.get("link") ?? "";
    const next = /^<([^>]+)>; rel="next"$/.exec(link);
    expect(next, `Link: ${link}`).not.toBeNull();
    expect(next![1]).toMatch(/^\/v1\/backtests\?(.*&)?limit=1(&|$)/);
    const second = await http.call<Json[]>(next![1]);
    expect(second.res.status).toBe(200);
    expect(second.json).toEqual([(await http.call(`/v1/backtests/${runId}`)).json]);
    expect(second.res.headers.get("link")).toBeNull();
    // A key also sent as ?api_key is never echoed into the link.
    const keyed = await http.call<Json[]>(`/v1/backtests?limit=1&api_key=${encodeURIComponent(options.apiKey)}`);
    expect(keyed.res.headers.get("link")).toMatch(/^<\/v1\/backtests\?limit=1&cursor=[^>]+>; rel="next"$/);
    expect(keyed.res.headers.get("link")).not.toContain(options.apiKey);
  });

  it("keeps the run, its events and its results across a restart on the same storage", async () => {
    const saved = {
      status: (await http.call(`/v1/backtests/${needRun()}`)).json,
      events: await http.allEvents(runId),
      hash: await http.contentHash(runId),
      datasetHash: await http.contentHash(datasetRunId),
      datasets: (await http.call("/v1/datasets")).json,
    };
    await options.restart();
    expect((await http.call(`/v1/backtests/${runId}`)).json).toEqual(saved.status);
    expect(await http.allEvents(runId)).toEqual(saved.events);
    expect(await http.contentHash(runId)).toBe(saved.hash);
    expect(await http.contentHash(datasetRunId)).toBe(saved.datasetHash);
    expect((await http.call("/v1/datasets")).json).toEqual(saved.datasets);
    const list = await http.call<Json[]>("/v1/backtests");
    expect(list.json.map((s) => s.run_id)).toEqual([datasetRunId, runId]);
    const ws = await readWebSocketStream(streamUrl(runId), key);
    expect(ws).toMatchObject({ status: 101, code: 1000 });
    expect(ws.events).toEqual(saved.events);
  }, 120_000);
}
