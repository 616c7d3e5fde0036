/**
 * The run event stream on a real started Node server (API spec §5): WebSocket and SSE replay,
 * resume, live delivery without gap or duplicate, close codes, many subscribers, and 1013 for a
 * subscriber that stops reading.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createInMemoryDatasetStore } from "../../../src/runs/memory-dataset-store.ts";
import { createInMemoryRunStore } from "../../../src/runs/memory-run-store.ts";
import { RunService } from "../../../src/runs/run-service.ts";
import type { RunStore } from "../../../src/runs/run-store.ts";
import type { RunEvent } from "../../../src/runs/run-types.ts";
import { VALID_KEY } from "../../app/helpers.ts";
import { consecutive, openWs, readSse, startTestServer } from "./node-test-server.ts";
import type { TestServer } from "./node-test-server.ts";
import { AUTH, sampleBody } from "./run-client.ts";
import { slowProvider } from "./slow-provider.ts";

const SYMBOLS = Array.from({ length: 12 }, (_, i) => `S${i}`);

let service: RunService;
let server: TestServer;

beforeAll(async () => {
  // 40 ms per series: a 12-symbol run streams its loading progress over half a second.
  service = new RunService({ store: createInMemoryRunStore(), datasets: createInMemoryDatasetStore(), providerFor: () => slowProvider(40) });
  server = await startTestServer(service);
});
afterAll(async () => {
  await service.close();
  await server.close();
});

async function post(body: Record<string, unknown>): Promise<string> {
  const res = await fetch(`${server.origin}/v1/backtests`, { method: "POST", headers: AUTH, body: JSON.stringify(body) });
  expect(res.status).toBe(201);
  return String(((await res.json()) as { run_id: string }).run_id);
}

async function storedEvents(runId: string): Promise<RunEvent[]> {
  const res = await fetch(`${server.origin}/v1/backtests/${runId}/events?limit=1000`, { headers: { "X-API-Key": VALID_KEY } });
  return (await res.json()) as RunEvent[];
}

const streamUrl = (runId: string, query = "") => `${server.wsOrigin}/v1/backtests/${runId}/stream${query}`;

describe("WebSocket", () => {
  it("live from the start, then full replay and resume of the finished run; close 1000 after the terminal event", async () => {
    const runId = await post(sampleBody({ symbols: SYMBOLS }));
    const live = await openWs(streamUrl(runId)).done;
    const stored = await storedEvents(runId);
    expect(live.code).toBe(1000);
    expect(live.events).toEqual(stored);
    expect(consecutive(live.events)).toBe(true);
    expect(live.events[live.events.length - 1].payload).toEqual({ state: "completed" });

    const replay = await openWs(streamUrl(runId)).done;
    expect(replay.code).toBe(1000);
    expect(replay.events).toEqual(stored);

    const resumed = await openWs(streamUrl(runId, "?last_event_id=5")).done;
    expect(resumed.code).toBe(1000);
    expect(resumed.events).toEqual(stored.slice(5));

    const atEnd = await openWs(streamUrl(runId, `?last_event_id=${stored.length}`)).done;
    expect(atEnd).toEqual({ events: [], code: 1000, reason: "Run finished" });
  });

  it("subscribers joining mid-run get backlog then live with no gap and no duplicate", async () => {
    const runId = await post(sampleBody({ symbols: SYMBOLS }));
    const first = openWs(streamUrl(runId));
    const joined: Promise<{ events: RunEvent[]; code: number }>[] = [];
    // Join at different points of the loading phase (40 ms per series).
    for (const delay of [60, 150, 260, 400]) {
      joined.push(new Promise((resolve) => setTimeout(() => resolve(openWs(streamUrl(runId)).done), delay)));
    }
    const all = [await first.done, ...(await Promise.all(joined))];
    const stored = await storedEvents(runId);
    expect(stored.length).toBeGreaterThan(20);
    for (const outcome of all) {
      expect(outcome.code).toBe(1000);
      expect(outcome.events).toEqual(stored);
    }
  });

  it("20 concurrent subscribers receive the identical sequence", async () => {
    const runId = await post(sampleBody({ symbols: SYMBOLS }));
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => openWs(streamUrl(runId)).done));
    const stored = await storedEvents(runId);
    for (const outcome of outcomes) {
      expect(outcome.code).toBe(1000);
      expect(outcome.events.map((e) => e.event_id)).toEqual(stored.map((e) => e.event_id));
    }
    expect(new Set(outcomes.map((o) => JSON.stringify(o.events))).size).toBe(1);
    expect(service.hub.listenerCount(runId)).toBe(0);
  });

  it("a fleet joining a run late costs about one subscriber's store reads, and every member gets the whole log", async () => {
    // A service of its own whose store counts the event reads the streams make.
    let reads = 0;
    const base = createInMemoryRunStore();
    const counted: RunStore = { ...base, readEvents: (...args) => ((reads += 1), base.readEvents(...args)) };
    const fleetService = new RunService({ store: counted, datasets: createInMemoryDatasetStore(), providerFor: () => slowProvider(40) });
    const fleetServer = await startTestServer(fleetService);
    try {
      const res = await fetch(`${fleetServer.origin}/v1/backtests`, { method: "POST", headers: AUTH, body: JSON.stringify(sampleBody({ symbols: SYMBOLS })) });
      const runId = String(((await res.json()) as { run_id: string }).run_id);
      // Events are stored before anyone listens; then 30 subscribers join mid-run, and 30 more after the end.
      await new Promise((resolve) => setTimeout(resolve, 150));
      const during = await Promise.all(Array.from({ length: 30 }, () => openWs(`${fleetServer.wsOrigin}/v1/backtests/${runId}/stream`).done));
      const after = await Promise.all(Array.from({ length: 30 }, () => openWs(`${fleetServer.wsOrigin}/v1/backtests/${runId}/stream`).done));
      const readsByStreams = reads;
      const stored = await (await fetch(`${fleetServer.origin}/v1/backtests/${runId}/events?limit=1000`, { headers: { "X-API-Key": VALID_KEY } })).json() as RunEvent[];
      expect(stored.length).toBeGreaterThan(20);
      for (const outcome of [...during, ...after]) {
        expect(outcome.code).toBe(1000);
        expect(outcome.events).toEqual(stored);
      }
      // One read seeds the ring; the others (finish checks aside) come from memory. Without sharing: ≥ 60.
      expect(readsByStreams).toBeLessThanOrEqual(4);
    } finally {
      await fleetService.close();
      await fleetServer.close();
    }
  });

  it("an unknown run closes 4404", async () => {
    const outcome = await openWs(streamUrl("00000000-0000-4000-8000-000000000000")).done;
    expect(outcome).toEqual({ events: [], code: 4404, reason: "Run not found" });
  });

  it("an invalid last_event_id closes 1008", async () => {
    const runId = await post(sampleBody());
    const outcome = await openWs(streamUrl(runId, "?last_event_id=x")).done;
    expect(outcome.code).toBe(1008);
    expect(outcome.reason).toContain("last_event_id");
  });
});

describe("Server-Sent Events", () => {
  it("replays with id/event/data fields and ends after the terminal event; resumes from Last-Event-ID and last_event_id", async () => {
    const runId = await post(sampleBody({ symbols: SYMBOLS }));
    const url = `${server.origin}/v1/backtests/${runId}/stream`;
    const sse = { Accept: "text/event-stream", "X-API-Key": VALID_KEY };
    const res = await fetch(url, { headers: sse });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    const live = await readSse(res);
    const stored = await storedEvents(runId);
    expect(live.events).toEqual(stored);
    expect(live.ids).toEqual(stored.map((e) => e.event_id));
    expect(live.types).toEqual(stored.map((e) => e.type));

    const fromHeader = await readSse(await fetch(url, { headers: { ...sse, "Last-Event-ID": "7" } }));
    expect(fromHeader.events).toEqual(stored.slice(7));
    const fromQuery = await readSse(await fetch(`${url}?last_event_id=${stored.length - 1}`, { headers: sse }));
    expect(fromQuery.events).toEqual(stored.slice(-1));
  });

  it("an unknown run is a 404", async () => {
    const res = await fetch(`${server.origin}/v1/backtests/nope/stream`, { headers: { Accept: "text/event-stream", "X-API-Key": VALID_KEY } });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: "not_found", message: "Run not found" } });
  });
});
