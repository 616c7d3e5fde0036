/**
 * The event stream of a run on Workers (API spec §5), served by the run's object: WebSocket
 * replay then live with no gap and no duplicate (subscribed before and during the run), close
 * 1000 after the terminal event, resume with `last_event_id`, and the same stream as SSE.
 */
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { RunEvent } from "../../../src/runs/run-types.ts";
import { allEvents, authHeaders, createRun, holdNewRunsQueued, idsUpTo, pauseRunsAfterYields, runStub, settleRun, slowBody, until, waitForStatus } from "./run-helpers.ts";
import { fetchWorker, readClose, upgradeWorker } from "./worker-client.ts";

afterEach(() => {
  vi.restoreAllMocks();
});

const FINISHED = { code: 1000, reason: "Run finished" };

function openStream(runId: string, query = ""): Promise<Response> {
  return upgradeWorker(`/v1/backtests/${runId}/stream${query}`, authHeaders());
}

const parse = (messages: string[]) => messages.map((m) => JSON.parse(m) as RunEvent);

/** Parses an SSE body into `{id, event, data}` frames. */
function sseFrames(text: string): { id: number; event: string; data: RunEvent }[] {
  return text
    .split("\n\n")
    .filter((block) => block.trim() !== "")
    .map((block) => {
      const fields = Object.fromEntries(block.split("\n").map((line) => [line.slice(0, line.indexOf(":")), line.slice(line.indexOf(":") + 2)]));
      return { id: Number(fields.id), event: fields.event, data: JSON.parse(fields.data) as RunEvent };
    });
}

describe("WebSocket stream of a finished run", async () => {
  const runId = (await createRun()).json.run_id;
  await settleRun(runId);
  const stored = await allEvents(runId);

  it("replays every stored event, one JSON frame each, then closes 1000", async () => {
    const res = await openStream(runId);
    expect(res.status).toBe(101);
    const close = await readClose(res);
    expect(close).toMatchObject(FINISHED);
    expect(parse(close.messages)).toEqual(stored);
  });

  it("resumes after last_event_id", async () => {
    const close = await readClose(await openStream(runId, "?last_event_id=5"));
    expect(close).toMatchObject(FINISHED);
    expect(parse(close.messages)).toEqual(stored.slice(5));
  });

  it("closes 1000 at once when last_event_id is the terminal event", async () => {
    const close = await readClose(await openStream(runId, `?last_event_id=${stored.length}`));
    expect(close).toEqual({ ...FINISHED, messages: [] });
  });
});

describe("WebSocket stream of a live run", () => {
  it("delivers the whole log to a subscriber that connected while the run was queued", async () => {
    holdNewRunsQueued();
    const runId = (await createRun()).json.run_id;
    const closing = readClose(await openStream(runId));
    await runDurableObjectAlarm(runStub(runId));
    const close = await closing;
    expect(close).toMatchObject(FINISHED);
    const received = parse(close.messages);
    expect(received.map((e) => e.event_id)).toEqual(idsUpTo(received.length));
    expect(received).toEqual(await allEvents(runId));
  });

  it("gives subscribers that join mid-run (from 0 and from a cursor) backlog then live, no gap, no duplicate", async () => {
    holdNewRunsQueued();
    const runId = (await createRun(slowBody())).json.run_id;
    const probe = pauseRunsAfterYields(4);
    const attempt = runDurableObjectAlarm(runStub(runId));
    await until(() => probe.paused, "the run to be mid-simulation");
    const midway = await waitForStatus(runId, (s) => s.state === "running" && s.progress > 0);
    expect(midway.state).toBe("running");
    const fromStart = Array.from({ length: 8 }, async () => readClose(await openStream(runId)));
    const fromThree = readClose(await openStream(runId, "?last_event_id=3"));
    probe.release();
    await attempt;
    const stored = await allEvents(runId);
    expect(stored[stored.length - 1].payload).toEqual({ state: "completed" });
    for (const close of await Promise.all(fromStart)) {
      expect(close).toMatchObject(FINISHED);
      expect(parse(close.messages)).toEqual(stored);
    }
    const resumed = await fromThree;
    expect(resumed).toMatchObject(FINISHED);
    expect(parse(resumed.messages)).toEqual(stored.slice(3));
  });
});

describe("SSE stream", async () => {
  const runId = (await createRun()).json.run_id;
  await settleRun(runId);
  const stored = await allEvents(runId);

  it("replays every event as id/event/data frames and ends after the terminal event", async () => {
    const res = await fetchWorker(`/v1/backtests/${runId}/stream`, { headers: authHeaders({ Accept: "text/event-stream" }) });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(res.headers.get("x-request-id")).toEqual(expect.any(String));
    const frames = sseFrames(await res.text());
    expect(frames.map((f) => f.id)).toEqual(idsUpTo(stored.length));
    expect(frames.map((f) => f.event)).toEqual(stored.map((e) => e.type));
    expect(frames.map((f) => f.data)).toEqual(stored);
  });

  it("resumes from the Last-Event-ID header", async () => {
    const res = await fetchWorker(`/v1/backtests/${runId}/stream`, { headers: authHeaders({ Accept: "text/event-stream", "Last-Event-ID": "4" }) });
    expect(sseFrames(await res.text()).map((f) => f.data)).toEqual(stored.slice(4));
  });

  it("answers HEAD with the SSE headers and no body, leaving no stream open in the run's object", async () => {
    holdNewRunsQueued();
    const live = (await createRun()).json.run_id;
    for (let i = 0; i < 3; i++) {
      const head = await fetchWorker(`/v1/backtests/${live}/stream`, { method: "HEAD", headers: authHeaders() });
      expect(head.status).toBe(200);
      expect(head.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
      expect(await head.text()).toBe("");
    }
    type Streams = { streams: { sseStreams: number } };
    expect(await runInDurableObject(runStub(live), (instance) => (instance as unknown as Streams).streams.sseStreams)).toBe(0);
    const unknown = await fetchWorker("/v1/backtests/00000000-0000-4000-8000-000000000000/stream", { method: "HEAD", headers: authHeaders() });
    expect(unknown.status).toBe(404);
  });

  it("streams a live run to its end", async () => {
    holdNewRunsQueued();
    const live = (await createRun()).json.run_id;
    const res = await fetchWorker(`/v1/backtests/${live}/stream?last_event_id=0`, { headers: authHeaders({ Accept: "text/event-stream" }) });
    expect(res.status).toBe(200);
    const body = res.text();
    await runDurableObjectAlarm(runStub(live));
    const frames = sseFrames(await body);
    expect(frames.map((f) => f.data)).toEqual(await allEvents(live));
    expect(frames[frames.length - 1].data.payload).toEqual({ state: "completed" });
  });
});
