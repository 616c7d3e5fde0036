/**
 * The run's Durable Object, reached directly through the `RUNS` binding, and the trusted
 * internal headers the Worker sets when it forwards a stream to it.
 */
import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
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
  it("holds no status when fresh (inside the object and over RPC)", async () => {
    const stub = stubFor("fresh-run-object");
    const inside = await runInDurableObject(stub, async (instance: RunObject, state) => ({
      status: await instance.getStatus(),
      stored: await state.storage.get("status"),
    }));
    expect(inside).toEqual({ status: null, stored: undefined });
    expect(await stub.getStatus()).toBeNull();
  });

  it("reports a status once one is stored", async () => {
    const stub = stubFor("seeded-run-object");
    const status = {
      run_id: "seeded-run-object",
      state: "queued" as const,
      progress: 0,
      created_at: "2026-01-02T03:04:05.000Z",
      started_at: null,
      finished_at: null,
      error: null,
    };
    await runInDurableObject(stub, (_instance: RunObject, state) => state.storage.put("status", status));
    expect(await stub.getStatus()).toEqual(status);
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
