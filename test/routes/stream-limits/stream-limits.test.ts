/**
 * Stream limits on a real started Node server (issue 5 item 3): subscribers per run and streams
 * per key (WebSocket close 1013, SSE 429 with Retry-After), bounded client frames (1008), and
 * keep-alives (WebSocket ping, SSE comment line). Runs are held `running` by a closed data gate.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_STREAM_LIMITS } from "../../../src/routes/backtests/local-stream-gateway.ts";
import { createInMemoryDatasetStore } from "../../../src/runs/memory-dataset-store.ts";
import { createInMemoryRunStore } from "../../../src/runs/memory-run-store.ts";
import { RunService } from "../../../src/runs/run-service.ts";
import { API_CSP_VALUE, FIXED_SECURITY_HEADERS, SECOND_KEY, VALID_KEY } from "../../app/helpers.ts";
import { gatedProvider } from "../backtests/gated-provider.ts";
import { AUTH, sampleBody } from "../backtests/run-client.ts";
import type { HeldSocket, LimitServer } from "./limits-server.ts";
import { holdSocket, holdSse, sleep, startLimitServer } from "./limits-server.ts";

const THIRD_KEY = "gb-third-key-limits-0000000001";
const ENV = { GLOWBACK_API_KEY: `${VALID_KEY},${SECOND_KEY},${THIRD_KEY}`, GLOWBACK_MAX_SUBSCRIBERS_PER_RUN: "3", GLOWBACK_MAX_STREAMS_PER_KEY: "4" };
const LIMITS = { ...DEFAULT_STREAM_LIMITS, keepAliveMs: 100, clientFrames: { maxFrameBytes: 4096, maxFramesPerSecond: 5 } };
const RUN_LIMIT_REASON = "Too many subscribers for this run (limit 3); try again later";
const KEY_LIMIT_REASON = "Too many open streams for this API key (limit 4); try again later";

const gate = gatedProvider();
let service: RunService;
let server: LimitServer;

beforeAll(async () => {
  service = new RunService({ store: createInMemoryRunStore(), datasets: createInMemoryDatasetStore(), providerFor: () => gate.provider });
  server = await startLimitServer(ENV, service, LIMITS);
});
afterAll(async () => {
  gate.open();
  await service.close();
  await server.close();
});

async function createHeldRun(): Promise<string> {
  const res = await fetch(`${server.origin}/v1/backtests`, { method: "POST", headers: AUTH, body: JSON.stringify(sampleBody()) });
  expect(res.status).toBe(201);
  return String(((await res.json()) as { run_id: string }).run_id);
}

const wsUrl = (runId: string, prefix = "/v1") => `${server.wsOrigin}${prefix}/backtests/${runId}/stream`;
const httpUrl = (runId: string, prefix = "/v1") => `${server.origin}${prefix}/backtests/${runId}/stream`;

async function openCounted(url: string, key: string): Promise<HeldSocket> {
  const held = holdSocket(url, key);
  expect(JSON.parse(await held.first)).toMatchObject({ event_id: 1, type: "state" });
  return held;
}

async function closeAll(sockets: HeldSocket[]): Promise<void> {
  for (const s of sockets) s.ws.close(1000);
  await Promise.all(sockets.map((s) => s.closed));
}

describe("subscribers per run (GLOWBACK_MAX_SUBSCRIBERS_PER_RUN=3)", () => {
  it("refuses the 4th WebSocket with 1013 and the SSE with 429; a freed slot is reusable", async () => {
    const runId = await createHeldRun();
    const keys = [VALID_KEY, SECOND_KEY, THIRD_KEY];
    const open = await Promise.all(keys.map((key) => openCounted(wsUrl(runId), key)));

    const refused = holdSocket(wsUrl(runId), THIRD_KEY);
    expect(await refused.closed).toEqual({ code: 1013, reason: RUN_LIMIT_REASON });
    expect(refused.frames).toEqual([]);

    const sse = await fetch(httpUrl(runId), { headers: { Accept: "text/event-stream", "X-API-Key": SECOND_KEY, "X-Request-ID": "limits-sse-1" } });
    expect(sse.status).toBe(429);
    expect(sse.headers.get("retry-after")).toBe("5");
    expect(sse.headers.get("x-request-id")).toBe("limits-sse-1");
    expect(sse.headers.get("content-security-policy")).toBe(API_CSP_VALUE);
    for (const [name, value] of Object.entries(FIXED_SECURITY_HEADERS)) expect(sse.headers.get(name)).toBe(value);
    expect(await sse.json()).toEqual({ error: { code: "too_many_requests", message: RUN_LIMIT_REASON, details: null }, request_id: "limits-sse-1" });

    open[0].ws.close(1000);
    await open[0].closed;
    await sleep(50);
    const again = await openCounted(wsUrl(runId), VALID_KEY);
    await closeAll([again, open[1], open[2]]);
  });
});

describe("streams per key (GLOWBACK_MAX_STREAMS_PER_KEY=4)", () => {
  it("counts WebSockets and SSE of one key across runs; other keys are unaffected; legacy paths get {detail}", async () => {
    const [a, b] = [await createHeldRun(), await createHeldRun()];
    const sockets = [await openCounted(wsUrl(a), VALID_KEY), await openCounted(wsUrl(a), VALID_KEY), await openCounted(wsUrl(b), VALID_KEY)];
    const sse = await holdSse(httpUrl(b), VALID_KEY);
    expect(sse.res.status).toBe(200);
    expect(await sse.readUntil('"event_id":1')).toContain("id: 1\nevent: state\n");

    const refused = holdSocket(wsUrl(b), VALID_KEY);
    expect(await refused.closed).toEqual({ code: 1013, reason: KEY_LIMIT_REASON });
    const legacy = await fetch(httpUrl(b, ""), { headers: { Accept: "text/event-stream", "X-API-Key": VALID_KEY } });
    expect(legacy.status).toBe(429);
    expect(legacy.headers.get("retry-after")).toBe("5");
    expect(await legacy.json()).toEqual({ detail: KEY_LIMIT_REASON });

    const other = await openCounted(wsUrl(b), SECOND_KEY);
    // Ending the SSE stream frees its slot for a WebSocket.
    await sse.cancel();
    await sleep(50);
    const reused = await openCounted(wsUrl(b), VALID_KEY);
    await closeAll([...sockets, other, reused]);
  });

  it("in development mode the limit applies per client IP", async () => {
    const dev = await startLimitServer({ GLOWBACK_MAX_STREAMS_PER_KEY: "1" }, service, LIMITS);
    try {
      const runId = await createHeldRun();
      const first = await openCounted(`${dev.wsOrigin}/v1/backtests/${runId}/stream`, "ignored-in-dev-mode");
      const second = holdSocket(`${dev.wsOrigin}/v1/backtests/${runId}/stream`, "another");
      expect(await second.closed).toEqual({ code: 1013, reason: "Too many open streams for this API key (limit 1); try again later" });
      await closeAll([first]);
    } finally {
      await dev.close();
    }
  });
});

describe("client frames", () => {
  it("ignores small frames and closes 1008 on a frame above 4 KiB", async () => {
    const runId = await createHeldRun();
    const held = await openCounted(wsUrl(runId), VALID_KEY);
    held.ws.send("hello");
    held.ws.send(new Uint8Array(4096));
    await sleep(100);
    expect(held.ws.readyState).toBe(held.ws.OPEN);
    held.ws.send("é".repeat(2049)); // 4098 UTF-8 bytes in 2049 characters
    expect(await held.closed).toEqual({ code: 1008, reason: "Client frame too large (limit 4096 bytes)" });
    expect(held.frames).toHaveLength(1);
  });

  it("closes 1008 when a client sends more frames per second than allowed", async () => {
    const runId = await createHeldRun();
    const held = await openCounted(wsUrl(runId), VALID_KEY);
    for (let i = 0; i < 6; i++) held.ws.send("ping");
    expect(await held.closed).toEqual({ code: 1008, reason: "Too many client frames (limit 5 per second)" });
  });

  it("a frame above the ws maxPayload (64 KiB) is refused by the server with 1009", async () => {
    const runId = await createHeldRun();
    const held = await openCounted(wsUrl(runId), VALID_KEY);
    held.ws.send(new Uint8Array(65 * 1024));
    expect((await held.closed).code).toBe(1009);
  });
});

describe("keep-alive", () => {
  it("pings idle WebSockets and sends `: keep-alive` on idle SSE streams", async () => {
    const runId = await createHeldRun();
    const held = await openCounted(wsUrl(runId), VALID_KEY);
    await sleep(450);
    expect(held.pings).toBeGreaterThanOrEqual(2);
    await closeAll([held]);

    const sse = await holdSse(httpUrl(runId), VALID_KEY);
    const text = await sse.readUntil(": keep-alive\n\n");
    expect(text.startsWith("id: 1\nevent: state\n")).toBe(true);
    expect(text.endsWith("\n\n: keep-alive\n\n")).toBe(true);
    await sse.cancel();
  });
});

describe("HEAD on a stream", () => {
  it("answers with the SSE headers and no body, takes no stream slot, and is 404 for an unknown run", async () => {
    const runId = await createHeldRun();
    // More probes than the key's 4 streams: none of them may keep a slot.
    for (let i = 0; i < 6; i++) {
      const head = await fetch(httpUrl(runId), { method: "HEAD", headers: { "X-API-Key": THIRD_KEY } });
      expect(head.status).toBe(200);
      expect(head.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
      expect(head.headers.get("x-request-id")).toBeTruthy();
      expect(await head.text()).toBe("");
    }
    const unknown = await fetch(httpUrl("00000000-0000-4000-8000-000000000000"), { method: "HEAD", headers: { "X-API-Key": THIRD_KEY } });
    expect(unknown.status).toBe(404);
    // All 4 of the key's streams are still free: 3 on this run (its own limit) and 1 on another.
    const held = await Promise.all(Array.from({ length: 3 }, () => openCounted(wsUrl(runId), THIRD_KEY)));
    const sse = await fetch(httpUrl(await createHeldRun()), { headers: { Accept: "text/event-stream", "X-API-Key": THIRD_KEY } });
    expect(sse.status).toBe(200);
    await sse.body?.cancel();
    await closeAll(held);
  });
});
