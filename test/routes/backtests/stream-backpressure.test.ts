/**
 * Bounded memory per WebSocket subscriber (API spec §5): a client that stops reading is closed
 * with 1013 once its socket stays above the high-water mark, while the others receive everything.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { createInMemoryDatasetStore } from "../../../src/runs/memory-dataset-store.ts";
import { createInMemoryRunStore } from "../../../src/runs/memory-run-store.ts";
import { RunService } from "../../../src/runs/run-service.ts";
import type { RunEventDraft, RunStatus } from "../../../src/runs/run-types.ts";
import { consecutive, openWs, startTestServer } from "./node-test-server.ts";
import type { TestServer } from "./node-test-server.ts";
import { sampleBody } from "./run-client.ts";

const RUN_ID = "11111111-1111-4111-8111-111111111111";
const EVENTS = 12_000;
/** ~2 KB per event: ~24 MB in all, far more than loopback socket buffers absorb. */
const FILLER = "x".repeat(2000);

let service: RunService;
let server: TestServer;

beforeAll(async () => {
  const store = createInMemoryRunStore();
  const t = "2026-01-01T00:00:00.000Z";
  const status: RunStatus = { run_id: RUN_ID, state: "queued", progress: 0, created_at: t, started_at: null, finished_at: null, error: null };
  await store.createRun({ status, request: sampleBody() as never, key_id: null }, { type: "state", timestamp: t, payload: { state: "queued" } });
  const logs: RunEventDraft[] = Array.from({ length: EVENTS }, (_, i) => ({ type: "log", timestamp: t, payload: { level: "info", message: `${i} ${FILLER}` } }));
  await store.appendEvents(RUN_ID, logs);
  await store.appendEvents(RUN_ID, [{ type: "state", timestamp: t, payload: { state: "cancelled" } }], { state: "cancelled", finished_at: t });
  service = new RunService({ store, datasets: createInMemoryDatasetStore() });
  server = await startTestServer(service, { highWaterBytes: 256 * 1024, hardCapBytes: 64 << 20, stallMs: 800, retryMs: 20 });
});
afterAll(async () => {
  await service.close();
  await server.close();
});

it("a paused subscriber is closed with 1013 and can resume; the others get every event and 1000", async () => {
  const url = `${server.wsOrigin}/v1/backtests/${RUN_ID}/stream`;
  const slow = openWs(url, (ws) => ws.pause());
  const fast = [openWs(url), openWs(url)];
  const outcomes = await Promise.all(fast.map((f) => f.done));
  for (const outcome of outcomes) {
    expect(outcome.code).toBe(1000);
    expect(outcome.events).toHaveLength(EVENTS + 2);
    expect(consecutive(outcome.events)).toBe(true);
  }
  // Give the server time to notice the stall, then read what was buffered (and the close frame).
  await new Promise((resolve) => setTimeout(resolve, 1500));
  slow.ws.resume();
  const stalled = await slow.done;
  expect(stalled.code).toBe(1013);
  expect(stalled.reason).toBe("Subscriber too slow; resume with last_event_id");
  expect(stalled.events.length).toBeLessThan(EVENTS + 2);
  expect(consecutive(stalled.events)).toBe(true);

  const last = stalled.events[stalled.events.length - 1]?.event_id ?? 0;
  const rest = await openWs(`${url}?last_event_id=${last}`).done;
  expect(rest.code).toBe(1000);
  expect(rest.events[0].event_id).toBe(last + 1);
  expect(rest.events[rest.events.length - 1].event_id).toBe(EVENTS + 2);
});
