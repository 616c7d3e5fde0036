/**
 * The optimisation event stream on a started Node server, from an in-test subscriptions source:
 * WebSocket and SSE backlog + live delivery, close 1000 after the final terminal event, a log that
 * continues after `cancelled` (resume), `last_event_id`, `?api_key=`, and 4404 / 404 for unknown ids.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { createInMemoryDatasetStore } from "../../../src/runs/memory-dataset-store.ts";
import { createInMemoryRunStore } from "../../../src/runs/memory-run-store.ts";
import type { OptimizationEvent } from "../../../src/runs/optimizations/optimization-types.ts";
import { RunService } from "../../../src/runs/run-service.ts";
import { VALID_KEY } from "../../app/helpers.ts";
import type { TestServer } from "../backtests/node-test-server.ts";
import { openWs, readSse, startTestServer } from "../backtests/node-test-server.ts";
import { FakeOptimizations, trial } from "./fake-optimizations.ts";
import { optimizationBody, sampleResult } from "./optimization-harness.ts";

const UNKNOWN = "00000000-0000-4000-8000-000000000000";

let service: RunService;
let fake: FakeOptimizations;
let server: TestServer;

beforeAll(async () => {
  service = new RunService({ store: createInMemoryRunStore(), datasets: createInMemoryDatasetStore() });
  fake = new FakeOptimizations();
  server = await startTestServer(service, undefined, undefined, { optimizations: fake, optimizationSubscriptions: fake });
});
afterAll(async () => {
  await service.close();
  await server.close();
});

async function create(): Promise<string> {
  const res = await fetch(`${server.origin}/v1/optimizations`, {
    method: "POST", headers: { "X-API-Key": VALID_KEY, "Content-Type": "application/json" }, body: JSON.stringify(optimizationBody()),
  });
  expect(res.status).toBe(201);
  return String(((await res.json()) as { optimization_id: string }).optimization_id);
}

async function storedEvents(id: string): Promise<OptimizationEvent[]> {
  const res = await fetch(`${server.origin}/v1/optimizations/${id}/events?limit=1000`, { headers: { "X-API-Key": VALID_KEY } });
  expect(res.status).toBe(200);
  return (await res.json()) as OptimizationEvent[];
}

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const wsUrl = (id: string, query = "") => `${server.wsOrigin}/v1/optimizations/${id}/stream${query}`;
const sse = (id: string, headers: Record<string, string> = {}, query = "") =>
  fetch(`${server.origin}/v1/optimizations/${id}/stream${query}`, { headers: { "X-API-Key": VALID_KEY, Accept: "text/event-stream", ...headers } });
const kinds = (events: readonly { type: string; payload: Record<string, unknown> }[]) =>
  events.map((e) => (e.type === "state" ? `state:${String(e.payload.state)}` : e.type));

describe("WebSocket", () => {
  it("backlog, then live trials, then close 1000 after the terminal event; the events are the stored ones", async () => {
    const id = await create();
    fake.start(id);
    fake.finishTrial(id, trial(1, 0.5));
    const stream = openWs(wsUrl(id));
    await until(() => stream.events.length === 5, "the backlog");
    fake.finishTrial(id, trial(2, 0.25));
    fake.finishTrial(id, trial(3, 0.75));
    fake.complete(id, sampleResult());
    const outcome = await stream.done;
    expect(outcome.code).toBe(1000);
    expect(outcome.reason).toBe("Optimization finished");
    expect(kinds(outcome.events)).toEqual([
      "state:queued", "state:running", "trial", "best", "progress", "trial", "progress", "trial", "best", "progress", "state:completed",
    ]);
    expect(outcome.events).toEqual(await storedEvents(id));
    expect(outcome.events.map((e) => e.event_id)).toEqual(Array.from({ length: 11 }, (_, i) => i + 1));

    const resumed = await openWs(wsUrl(id, "?last_event_id=8")).done;
    expect(resumed.code).toBe(1000);
    expect(resumed.events.map((e) => e.event_id)).toEqual([9, 10, 11]);
  });

  it("a log with cancelled, then queued/running after a resume, streams past the first cancelled to the final terminal event", async () => {
    const id = await create();
    fake.start(id);
    await fetch(`${server.origin}/v1/optimizations/${id}/cancel`, { method: "POST", headers: { "X-API-Key": VALID_KEY } });
    const resume = await fetch(`${server.origin}/v1/optimizations/${id}/resume`, { method: "POST", headers: { "X-API-Key": VALID_KEY } });
    expect(resume.status).toBe(200);
    fake.start(id);

    const stream = openWs(wsUrl(id));
    await until(() => stream.events.length === 5, "the backlog past the cancelled event");
    expect(kinds(stream.events)).toEqual(["state:queued", "state:running", "state:cancelled", "state:queued", "state:running"]);
    // Still open: the cancelled event was not the last of the log.
    expect(stream.ws.readyState).toBe(WebSocket.OPEN);
    fake.finishTrial(id, trial(1, 1));
    fake.complete(id, sampleResult());
    const outcome = await stream.done;
    expect(outcome.code).toBe(1000);
    expect(kinds(outcome.events).slice(5)).toEqual(["trial", "best", "progress", "state:completed"]);
    expect(outcome.events).toEqual(await storedEvents(id));
  });

  it("a cancelled optimization's stream replays and closes 1000 at once", async () => {
    const id = await create();
    await fetch(`${server.origin}/v1/optimizations/${id}/cancel`, { method: "POST", headers: { "X-API-Key": VALID_KEY } });
    const outcome = await openWs(wsUrl(id)).done;
    expect([outcome.code, outcome.reason, kinds(outcome.events)]).toEqual([1000, "Optimization finished", ["state:queued", "state:cancelled"]]);
  });

  it("unknown id: close 4404 `Optimization not found` (canonical and legacy path)", async () => {
    expect(await openWs(wsUrl(UNKNOWN)).done).toEqual({ events: [], code: 4404, reason: "Optimization not found" });
    expect(await openWs(`${server.wsOrigin}/optimizations/${UNKNOWN}/stream`).done).toEqual({ events: [], code: 4404, reason: "Optimization not found" });
  });

  it("auth: `?api_key=` is accepted on the stream; no key closes 1008; an invalid last_event_id closes 1008", async () => {
    const id = await create();
    fake.fail(id, "boom");
    const viaQuery = await outcomeOf(new WebSocket(wsUrl(id, `?api_key=${VALID_KEY}`)));
    expect([viaQuery.code, viaQuery.count]).toEqual([1000, 2]);
    const noKey = await outcomeOf(new WebSocket(wsUrl(id)));
    expect([noKey.code, noKey.reason, noKey.count]).toEqual([1008, "Invalid or missing API key", 0]);
    const badResume = await openWs(wsUrl(id, "?last_event_id=-1")).done;
    expect([badResume.code, badResume.reason]).toEqual([1008, "Invalid last_event_id: must be a non-negative integer"]);
  });
});

function outcomeOf(ws: WebSocket): Promise<{ code: number; reason: string; count: number }> {
  let count = 0;
  ws.on("message", () => (count += 1));
  return new Promise((resolve, reject) => {
    ws.on("close", (code, reason) => resolve({ code, reason: String(reason), count }));
    ws.on("error", reject);
  });
}

describe("Server-Sent Events", () => {
  it("the same events with id/event fields, ending after the terminal event; resume with Last-Event-ID", async () => {
    const id = await create();
    fake.start(id);
    const res = await sse(id);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    const reading = readSse(res);
    await new Promise((resolve) => setTimeout(resolve, 30));
    fake.finishTrial(id, trial(1, 0.5));
    fake.fail(id, "evaluator crashed");
    const { events, ids, types } = await reading;
    const stored = await storedEvents(id);
    expect(events).toEqual(stored);
    expect(ids).toEqual([1, 2, 3, 4, 5, 6]);
    expect(types).toEqual(["state", "state", "trial", "best", "progress", "state"]);
    expect(stored[5].payload).toEqual({ state: "failed", error: "evaluator crashed" });

    const resumed = await readSse(await sse(id, { "Last-Event-ID": "4" }));
    expect(resumed.ids).toEqual([5, 6]);
  });

  it("unknown id: 404 `Optimization not found`; bad last_event_id: 422 at the query", async () => {
    const res = await sse(UNKNOWN);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { message: string } }).error).toEqual({ code: "not_found", message: "Optimization not found", details: null });
    const bad = await sse(UNKNOWN, {}, "?last_event_id=x");
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { error: { details: { loc: string[] }[] } }).error.details[0].loc).toEqual(["query", "last_event_id"]);
  });
});
