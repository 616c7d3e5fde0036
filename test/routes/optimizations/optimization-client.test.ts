/**
 * The typed client's optimisation methods (through `app.request`) and `streamOptimization` /
 * `optimizationEvents` over a started Node server with the `ws` WebSocket.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { createGlowBackClient, GlowBackApiError } from "../../../src/client/client.ts";
import { optimizationEvents, optimizationStreamUrl, RunStreamError, streamOptimization } from "../../../src/client/stream.ts";
import type { WebSocketConstructorLike } from "../../../src/client/stream.ts";
import { createInMemoryDatasetStore } from "../../../src/runs/memory-dataset-store.ts";
import { createInMemoryRunStore } from "../../../src/runs/memory-run-store.ts";
import { RunService } from "../../../src/runs/run-service.ts";
import { VALID_KEY } from "../../app/helpers.ts";
import type { TestServer } from "../backtests/node-test-server.ts";
import { startTestServer } from "../backtests/node-test-server.ts";
import { FakeOptimizations, resultEtag, trial } from "./fake-optimizations.ts";
import { makeOptimizationApp, normalizedBody, sampleResult } from "./optimization-harness.ts";

const Ws = WebSocket as unknown as WebSocketConstructorLike;
const states = (events: readonly { type: string; payload: object }[]) => events.filter((e) => e.type === "state").map((e) => (e.payload as { state?: unknown }).state);

describe("typed client", () => {
  it("create, get, list, cancel, resume, events and result, with the API's errors", async () => {
    const { h, fake } = makeOptimizationApp();
    const client = createGlowBackClient({ baseUrl: "http://localhost", apiKey: VALID_KEY, fetch: async (input, init) => h.app.request(input as string, init) });
    const created = await client.createOptimization({
      name: "typed", search_space: { parameters: [{ name: "short_period", kind: "choice", values: [3, 5] }] },
      strategy: "grid", base_backtest: { symbols: ["AAPL"], start_date: "2021-01-01", end_date: "2023-01-01", data_source: "sample", strategy: { name: "ma_crossover" } },
    });
    expect([created.name, created.state, created.search_method]).toEqual(["typed", "queued", "grid"]);
    expect((await client.getOptimization(created.optimization_id)).optimization_id).toBe(created.optimization_id);
    const page = await client.listOptimizations({ limit: 1 });
    expect([page.items.map((s) => s.optimization_id), page.nextCursor]).toEqual([[created.optimization_id], null]);

    expect((await client.cancelOptimization(created.optimization_id)).state).toBe("cancelled");
    const conflict = await client.cancelOptimization(created.optimization_id).catch((e: unknown) => e);
    expect(conflict).toBeInstanceOf(GlowBackApiError);
    expect([(conflict as GlowBackApiError).status, (conflict as GlowBackApiError).code]).toEqual([409, "conflict"]);
    expect((await client.resumeOptimization(created.optimization_id)).state).toBe("queued");
    expect(states(await client.optimizationEventPage(created.optimization_id, { after: 1 }))).toEqual(["cancelled", "queued"]);

    fake.start(created.optimization_id);
    const result = sampleResult();
    fake.complete(created.optimization_id, result);
    expect(await client.optimizationResult(created.optimization_id)).toEqual(JSON.parse(JSON.stringify(result)));
    expect(resultEtag(result)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("optimizationStreamUrl names the optimisation stream", () => {
    expect(optimizationStreamUrl("https://api.example/base/", "o 1", 3, "k&y")).toBe("wss://api.example/base/v1/optimizations/o%201/stream?last_event_id=3&api_key=k%26y");
  });
});

describe("stream helpers over a Node server", () => {
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

  async function resumedOptimization(): Promise<string> {
    const { optimization_id: id } = await fake.createOptimization(normalizedBody(), { keyId: null, requestId: "t" });
    fake.start(id);
    await fake.cancelOptimization(id);
    await fake.resumeOptimization(id);
    fake.start(id);
    return id;
  }

  it("streamOptimization goes past a cancelled that a resume followed, and resolves with the final terminal event", async () => {
    const id = await resumedOptimization();
    const seen: number[] = [];
    const stream = streamOptimization({ baseUrl: server.origin, optimizationId: id, apiKey: VALID_KEY, WebSocket: Ws, onEvent: (e) => seen.push(e.event_id) });
    const deadline = Date.now() + 5000;
    while (seen.length < 5 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
    fake.finishTrial(id, trial(1, 2));
    fake.complete(id, sampleResult());
    const last = await stream.done;
    expect(last.payload).toEqual({ state: "completed" });
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(stream.lastEventId).toBe(9);

    const replayed = [];
    for await (const event of optimizationEvents({ baseUrl: server.origin, optimizationId: id, apiKey: VALID_KEY, WebSocket: Ws })) replayed.push(event);
    expect(states(replayed)).toEqual(["queued", "running", "cancelled", "queued", "running", "completed"]);
  });

  it("an unknown optimisation rejects with not_found and the server's reason", async () => {
    const stream = streamOptimization({ baseUrl: server.origin, optimizationId: "00000000-0000-4000-8000-000000000000", apiKey: VALID_KEY, WebSocket: Ws });
    const error = await stream.done.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RunStreamError);
    expect([(error as RunStreamError).kind, (error as RunStreamError).message, (error as RunStreamError).closeCode]).toEqual(["not_found", "Optimization not found", 4404]);
  });
});
