/** The stream helper's protocol logic against a scripted WebSocket (no server, no real timers to wait out). */
import { afterEach, describe, expect, it, vi } from "vitest";
import { RunStreamError, runEvents, runStreamUrl, streamRun } from "../../src/client/stream.ts";
import type { RunStreamOptions, RunStreamState } from "../../src/client/stream.ts";
import type { RunEvent } from "../../src/runs/run-types.ts";
import { event, fakeWebSocket } from "./fake-websocket.ts";

const FAST = { initialDelayMs: 1, maxDelayMs: 2 };

function start(extra: Partial<RunStreamOptions> = {}) {
  const fake = fakeWebSocket();
  const events: RunEvent[] = [];
  const states: RunStreamState[] = [];
  const stream = streamRun({
    baseUrl: "http://127.0.0.1:9/", runId: "r1", apiKey: "k", WebSocket: fake.WebSocket, reconnect: FAST,
    onEvent: (e) => events.push(e), onState: (s) => states.push(s), ...extra,
  });
  return { ...fake, stream, events, states, ids: () => events.map((e) => e.event_id) };
}

async function failure(promise: Promise<unknown>): Promise<RunStreamError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(RunStreamError);
  return error as RunStreamError;
}

afterEach(() => vi.unstubAllGlobals());

describe("runStreamUrl", () => {
  it("maps http(s) to ws(s), keeps a path prefix and adds the resume point and key", () => {
    expect(runStreamUrl("http://127.0.0.1:8080", "r 1", 0, "a&b")).toBe("ws://127.0.0.1:8080/v1/backtests/r%201/stream?last_event_id=0&api_key=a%26b");
    expect(runStreamUrl("https://api.example/glowback/", "r1", 7)).toBe("wss://api.example/glowback/v1/backtests/r1/stream?last_event_id=7");
  });
});

describe("streamRun", () => {
  it("delivers events in order and resolves with the terminal state event", async () => {
    const t = start();
    const [c] = t.connections;
    expect(c!.url.searchParams.get("last_event_id")).toBe("0");
    expect(c!.url.searchParams.get("api_key")).toBe("k");
    c!.open();
    c!.send(event(1), event(2), event(3, true));
    await expect(t.stream.done).resolves.toEqual(event(3, true));
    expect(t.ids()).toEqual([1, 2, 3]);
    expect(t.states).toEqual(["connecting", "open", "closed"]);
    expect(c!.closedByClient).toBe(1000);
    expect(t.stream.lastEventId).toBe(3);
  });

  it("resumes after a drop from the last id and drops replayed duplicates", async () => {
    const t = start();
    t.connections[0]!.open();
    t.connections[0]!.send(event(1), event(2), event(3));
    t.connections[0]!.close(1006);
    await vi.waitFor(() => expect(t.connections).toHaveLength(2));
    const second = t.connections[1]!;
    expect(second.url.searchParams.get("last_event_id")).toBe("3");
    second.open();
    second.send(event(2), event(3), event(4), event(4), event(5, true));
    await t.stream.done;
    expect(t.ids()).toEqual([1, 2, 3, 4, 5]);
    expect(t.states).toEqual(["connecting", "open", "reconnecting", "open", "closed"]);
  });

  it("repairs a gap by reconnecting from the last contiguous id", async () => {
    const t = start();
    t.connections[0]!.open();
    t.connections[0]!.send(event(1), event(2), event(4));
    expect(t.connections[0]!.closedByClient).toBe(4000);
    await vi.waitFor(() => expect(t.connections).toHaveLength(2));
    expect(t.connections[1]!.url.searchParams.get("last_event_id")).toBe("2");
    t.connections[1]!.send(event(3), event(4, true));
    await t.stream.done;
    expect(t.ids()).toEqual([1, 2, 3, 4]);
  });

  it("reconnects after 1013 (too slow) and starts from lastEventId", async () => {
    const t = start({ lastEventId: 5 });
    expect(t.connections[0]!.url.searchParams.get("last_event_id")).toBe("5");
    t.connections[0]!.send(event(5), event(6));
    t.connections[0]!.close(1013, "Subscriber too slow");
    await vi.waitFor(() => expect(t.connections).toHaveLength(2));
    expect(t.connections[1]!.url.searchParams.get("last_event_id")).toBe("6");
    t.connections[1]!.send(event(7, true));
    await t.stream.done;
    expect(t.ids()).toEqual([6, 7]);
  });

  it("rejects with unauthorized on 1008 and does not reconnect", async () => {
    const t = start();
    t.connections[0]!.open();
    t.connections[0]!.close(1008, "Invalid or missing API key");
    const error = await failure(t.stream.done);
    expect([error.kind, error.closeCode, error.message]).toEqual(["unauthorized", 1008, "Invalid or missing API key"]);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(t.connections).toHaveLength(1);
    expect(t.states.at(-1)).toBe("closed");
  });

  it("rejects with policy_violation for another 1008 and with not_found on 4404", async () => {
    const policy = start();
    policy.connections[0]!.close(1008, "Invalid last_event_id: must be a non-negative integer");
    expect((await failure(policy.stream.done)).kind).toBe("policy_violation");
    const missing = start();
    missing.connections[0]!.close(4404, "Run not found");
    const error = await failure(missing.stream.done);
    expect([error.kind, error.closeCode, error.message]).toEqual(["not_found", 4404, "Run not found"]);
  });

  it("rejects with ended when the server closes normally before the terminal event", async () => {
    const t = start();
    t.connections[0]!.send(event(1));
    t.connections[0]!.close(1000);
    expect((await failure(t.stream.done)).kind).toBe("ended");
  });

  it("rejects with aborted when the signal fires, closing the socket", async () => {
    const controller = new AbortController();
    const t = start({ signal: controller.signal });
    t.connections[0]!.open();
    controller.abort();
    expect((await failure(t.stream.done)).kind).toBe("aborted");
    expect(t.connections[0]!.closedByClient).toBe(1000);
    const already = start({ signal: AbortSignal.abort() });
    expect((await failure(already.stream.done)).kind).toBe("aborted");
    expect(already.connections).toHaveLength(0);
  });

  it("gives up after maxAttempts reconnects without progress", async () => {
    const t = start({ reconnect: { ...FAST, maxAttempts: 2 } });
    t.connections[0]!.close(1006);
    await vi.waitFor(() => expect(t.connections).toHaveLength(2));
    t.connections[1]!.close(1006);
    await vi.waitFor(() => expect(t.connections).toHaveLength(3));
    t.connections[2]!.close(1006);
    const error = await failure(t.stream.done);
    expect(error.kind).toBe("reconnect_exhausted");
  });

  it("rejects with closed on close() and with no_websocket when there is none", async () => {
    const t = start();
    t.stream.close();
    expect((await failure(t.stream.done)).kind).toBe("closed");
    vi.stubGlobal("WebSocket", undefined);
    const none = streamRun({ baseUrl: "http://127.0.0.1:9", runId: "r1" });
    expect((await failure(none.done)).kind).toBe("no_websocket");
  });
});

describe("runEvents", () => {
  it("iterates to the terminal event", async () => {
    const fake = fakeWebSocket();
    const seen: number[] = [];
    const loop = (async () => {
      for await (const e of runEvents({ baseUrl: "http://127.0.0.1:9", runId: "r1", WebSocket: fake.WebSocket })) seen.push(e.event_id);
    })();
    fake.connections[0]!.send(event(1), event(2), event(3, true));
    await loop;
    expect(seen).toEqual([1, 2, 3]);
  });

  it("throws the stream's error after the events before it, and closes on break", async () => {
    const fake = fakeWebSocket();
    const seen: number[] = [];
    const loop = (async () => {
      for await (const e of runEvents({ baseUrl: "http://127.0.0.1:9", runId: "r1", WebSocket: fake.WebSocket })) seen.push(e.event_id);
    })();
    fake.connections[0]!.send(event(1));
    fake.connections[0]!.close(4404, "Run not found");
    expect((await failure(loop)).kind).toBe("not_found");
    expect(seen).toEqual([1]);

    const early = fakeWebSocket();
    const loop2 = (async () => {
      for await (const e of runEvents({ baseUrl: "http://127.0.0.1:9", runId: "r1", WebSocket: early.WebSocket })) if (e.event_id === 1) break;
    })();
    early.connections[0]!.send(event(1));
    await loop2;
    expect(early.connections[0]!.closedByClient).toBe(1000);
  });
});
