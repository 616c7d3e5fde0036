/**
 * The event stream of an optimisation on Workers, served by its object: WebSocket (subscribed
 * while queued, then live to the end; replay of a finished one; resume after `last_event_id`),
 * SSE, a subscriber that stays connected across cancel → resume, and unknown ids (4404 / 404).
 */
import { runDurableObjectAlarm } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { OptimizationEvent } from "../../../src/runs/optimizations/optimization-types.ts";
import {
  allOptimizationEvents, createOptimization, gateTrials, holdNewOptimizationsQueued, numbersUpTo, optimizationStub, postJson, settleOptimization, waitForOptimization,
} from "./optimization-helpers.ts";
import type { TrialGate } from "./optimization-helpers.ts";
import { authHeaders, until } from "./run-helpers.ts";
import { fetchWorker, readClose, upgradeWorker } from "./worker-client.ts";

let gate: TrialGate | null = null;

afterEach(() => {
  gate?.open();
  gate = null;
  vi.restoreAllMocks();
});

const FINISHED = { code: 1000, reason: "Optimization finished" };
const parse = (messages: string[]) => messages.map((m) => JSON.parse(m) as OptimizationEvent);
const openStream = (id: string, query = "") => upgradeWorker(`/v1/optimizations/${id}/stream${query}`, authHeaders());

function sseFrames(text: string): { id: number; event: string; data: OptimizationEvent }[] {
  return text
    .split("\n\n")
    .filter((block) => block.trim() !== "" && !block.startsWith(":"))
    .map((block) => {
      const fields = Object.fromEntries(block.split("\n").map((line) => [line.slice(0, line.indexOf(":")), line.slice(line.indexOf(":") + 2)]));
      return { id: Number(fields.id), event: fields.event, data: JSON.parse(fields.data) as OptimizationEvent };
    });
}

describe("WebSocket stream of an optimisation", () => {
  it("sends a subscriber from queued every trial, best and progress event live, then closes 1000 after completed", async () => {
    holdNewOptimizationsQueued();
    const id = (await createOptimization()).json.optimization_id;
    const closing = readClose(await openStream(id), 15_000);
    await runDurableObjectAlarm(optimizationStub(id));
    const close = await closing;
    expect(close).toMatchObject(FINISHED);
    const received = parse(close.messages);
    expect(received).toEqual(await allOptimizationEvents(id));
    expect(received.map((e) => e.event_id)).toEqual(numbersUpTo(received.length));
    expect(received.filter((e) => e.type === "trial")).toHaveLength(6);
    expect(received.filter((e) => e.type === "progress")).toHaveLength(6);
    expect(received.filter((e) => e.type === "best").length).toBeGreaterThanOrEqual(1);
    expect(received[0]).toMatchObject({ event_id: 1, optimization_id: id, type: "state", payload: { state: "queued" } });
    expect(received[received.length - 1]).toMatchObject({ type: "state", payload: { state: "completed" } });
  });

  it("replays a finished optimisation, resumes after last_event_id, and serves the same log as SSE", async () => {
    const id = (await createOptimization()).json.optimization_id;
    await settleOptimization(id);
    const stored = await allOptimizationEvents(id);
    const all = await readClose(await openStream(id));
    expect(all).toMatchObject(FINISHED);
    expect(parse(all.messages)).toEqual(stored);
    const tail = await readClose(await openStream(id, "?last_event_id=4"));
    expect(parse(tail.messages)).toEqual(stored.slice(4));
    // A client's copy of an internal header is stripped: the resume point is the Worker's own.
    const forged = await readClose(await upgradeWorker(`/v1/optimizations/${id}/stream`, authHeaders({ "X-Glowback-Internal-Last-Event-Id": "5" })));
    expect(parse(forged.messages)).toEqual(stored);

    const res = await fetchWorker(`/v1/optimizations/${id}/stream`, { headers: authHeaders({ Accept: "text/event-stream", "Last-Event-ID": "2" }) });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    const frames = sseFrames(await res.text());
    expect(frames.map((f) => f.id)).toEqual(stored.slice(2).map((e) => e.event_id));
    expect(frames.map((f) => f.event)).toEqual(stored.slice(2).map((e) => e.type));
    expect(frames.map((f) => f.data)).toEqual(stored.slice(2));
  });

  it("closes a live subscriber 1000 after cancelled; a new one after the resume sees the rest of the log", async () => {
    holdNewOptimizationsQueued();
    const id = (await createOptimization()).json.optimization_id;
    gate = gateTrials(2);
    void runDurableObjectAlarm(optimizationStub(id)).catch(() => undefined);
    await waitForOptimization(id, (s) => s.completed_trials === 2);
    await until(() => gate!.waiting === 2, "trials 3 and 4 to wait at the gate");
    const closing = readClose(await openStream(id));
    expect((await postJson(`/v1/optimizations/${id}/cancel`)).res.status).toBe(200);
    const close = await closing;
    expect(close).toMatchObject(FINISHED);
    const before = parse(close.messages);
    expect(before[before.length - 1].payload).toEqual({ state: "cancelled" });
    gate.open();

    expect((await postJson(`/v1/optimizations/${id}/resume`)).res.status).toBe(200);
    const rest = readClose(await openStream(id, `?last_event_id=${before.length}`), 15_000);
    await settleOptimization(id);
    const after = parse((await rest).messages);
    expect([...before, ...after]).toEqual(await allOptimizationEvents(id));
    expect(after[0].payload).toEqual({ state: "queued" });
  });
});

describe("stream of an unknown optimisation", () => {
  it("closes the WebSocket 4404 Optimization not found", async () => {
    const close = await readClose(await openStream(crypto.randomUUID()));
    expect(close).toEqual({ code: 4404, reason: "Optimization not found", messages: [] });
  });

  it("answers SSE with 404 Optimization not found", async () => {
    const res = await fetchWorker(`/v1/optimizations/${crypto.randomUUID()}/stream`, { headers: authHeaders({ Accept: "text/event-stream" }) });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { message: string } }).error).toMatchObject({ code: "not_found", message: "Optimization not found" });
  });
});
