/**
 * The run's Durable Object, reached directly through the `RUNS` binding (its RPC surface), and
 * the trusted internal headers the Worker sets when it forwards a stream to it.
 */
import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { BacktestRequest } from "../../../src/engine/types.ts";
import { RunObject } from "../../../src/runtime/worker.ts";
import { readClose, upgradeWorker } from "./worker-client.ts";

afterEach(() => {
  vi.restoreAllMocks();
});

function stubFor(runId: string) {
  return env.RUNS.get(env.RUNS.idFromName(runId));
}

/** `key_id` of the suite's key: the first 12 hex characters of its SHA-256. */
async function suiteKeyId(): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(env.GLOWBACK_API_KEY)));
  return [...digest.subarray(0, 6)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

describe("RunObject", () => {
  it("holds no status when fresh, and creates no storage by being asked", async () => {
    const stub = stubFor("fresh-run-object");
    expect(await stub.getStatus()).toBeNull();
    expect(await stub.events(0, 10)).toBeNull();
    expect(await stub.result()).toEqual({ kind: "not_found" });
    const tables = await runInDurableObject(stub, async (instance: RunObject, state) => ({
      status: await instance.getStatus(),
      runsTable: state.storage.sql.exec("SELECT name FROM sqlite_master WHERE name = 'runs'").toArray().length,
    }));
    expect(tables).toEqual({ status: null, runsTable: 0 });
  });

  it("stores a created run with its first event, sets its alarm, and is idempotent for the same run id", async () => {
    const runId = "00000000-0000-4000-8000-0000000c0de1";
    const stub = stubFor(runId);
    const status = {
      run_id: runId,
      state: "queued" as const,
      progress: 0,
      created_at: "2026-01-02T03:04:05.000Z",
      started_at: null,
      finished_at: null,
      error: null,
    };
    const request = { symbols: ["AAPL"] } as unknown as BacktestRequest;
    const first = { type: "state" as const, timestamp: status.created_at, payload: { state: "queued" } };
    vi.spyOn(RunObject.prototype as unknown as { scheduleStart(): Promise<void> }, "scheduleStart").mockImplementation(function (this: unknown) {
      return (this as { ctx: DurableObjectState }).ctx.storage.setAlarm(Date.now() + 3_600_000);
    });
    expect(await stub.create({ status, request, key_id: null }, first)).toEqual(status);
    expect(await stub.create({ status: { ...status, created_at: "2030-01-01T00:00:00.000Z" }, request, key_id: null }, first)).toEqual(status);
    const refused = await stub.create({ status: { ...status, run_id: "another-run" }, request, key_id: null }, first).then(
      () => "accepted",
      (error: Error) => error.message,
    );
    expect(refused).toBe(`This object holds run ${runId}, not another-run`);
    expect(await stub.getStatus()).toEqual(status);
    expect(await stub.events(0, 10)).toEqual([{ event_id: 1, run_id: runId, ...first }]);
    expect(await runInDurableObject(stub, (_instance, state) => state.storage.getAlarm())).toBeGreaterThan(Date.now() + 3_000_000);
    expect(await stub.cancel()).toMatchObject({ kind: "cancelled", status: { state: "cancelled" } });
  });

  it("answers a plain (non-upgrade) request with 404", async () => {
    const res = await stubFor("plain-request").fetch("https://run.internal/stream");
    expect(res.status).toBe(404);
  });

  it("closes 4404 Run not found when its stream is opened directly", async () => {
    const res = await stubFor("direct-upgrade").fetch("https://run.internal/stream", { headers: { Upgrade: "websocket" } });
    expect(res.status).toBe(101);
    expect(await readClose(res)).toEqual({ code: 4404, reason: "Run not found", messages: [] });
  });
});

describe("trusted headers end to end", () => {
  it("replaces client-sent x-glowback-internal-* headers with the Worker's own facts", async () => {
    const seen: Headers[] = [];
    const original = RunObject.prototype.fetch;
    vi.spyOn(RunObject.prototype, "fetch").mockImplementation(function (this: RunObject, request: Request) {
      seen.push(new Headers(request.headers));
      return original.call(this, request);
    });
    const res = await upgradeWorker("/v1/backtests/trusted-headers-run/stream?last_event_id=3", {
      "X-API-Key": env.GLOWBACK_API_KEY,
      "X-Request-ID": "trusted-req-1",
      "X-Glowback-Internal-Key-Id": "forged-key-id",
      "x-glowback-internal-request-id": "forged-request",
      "X-GLOWBACK-INTERNAL-LAST-EVENT-ID": "999",
      "X-Glowback-Internal-Admin": "true",
    });
    expect(await readClose(res)).toEqual({ code: 4404, reason: "Run not found", messages: [] });
    expect(seen).toHaveLength(1);
    const internal = [...seen[0].entries()].filter(([name]) => name.startsWith("x-glowback-internal-"));
    expect(Object.fromEntries(internal)).toEqual({
      "x-glowback-internal-key-id": await suiteKeyId(),
      "x-glowback-internal-last-event-id": "3",
      "x-glowback-internal-request-id": "trusted-req-1",
    });
  });
});
