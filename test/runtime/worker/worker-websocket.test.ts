/**
 * WebSocket streams through the Worker entry inside workerd: a failed key check is answered by
 * the Worker itself (101, then close 1008); a valid key reaches the run's Durable Object, which
 * closes 4404 for an unknown run.
 */
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { SECURITY_HEADERS, WS_AUTH_REASON, securityHeadersOf } from "../../support/expected-headers.ts";
import { readClose, upgradeWorker } from "./worker-client.ts";

const UNKNOWN_RUN = "00000000-0000-4000-8000-000000000002";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("worker WebSocket authentication", () => {
  it("completes the upgrade without a key, then closes 1008 before any frame", async () => {
    const res = await upgradeWorker(`/v1/backtests/${UNKNOWN_RUN}/stream`, { "X-Request-ID": "ws-no-key" });
    expect(res.status).toBe(101);
    expect(res.headers.get("x-request-id")).toBe("ws-no-key");
    expect(securityHeadersOf((n) => res.headers.get(n))).toEqual(SECURITY_HEADERS);
    expect(await readClose(res)).toEqual({ code: 1008, reason: WS_AUTH_REASON, messages: [] });
  });

  it.each([
    ["a wrong Bearer key", `/v1/backtests/${UNKNOWN_RUN}/stream`, { Authorization: "Bearer wrong" }],
    ["a wrong X-API-Key", `/v1/backtests/${UNKNOWN_RUN}/stream`, { "X-API-Key": "wrong" }],
    ["a wrong ?api_key=", `/v1/backtests/${UNKNOWN_RUN}/stream?api_key=wrong`, {}],
    ["no key on the legacy path", `/backtests/${UNKNOWN_RUN}/stream`, {}],
  ])("closes 1008 for %s", async (_name, path, headers) => {
    const res = await upgradeWorker(path, headers);
    expect(res.status).toBe(101);
    expect(await readClose(res)).toEqual({ code: 1008, reason: WS_AUTH_REASON, messages: [] });
  });

  it("writes a denied websocket audit line with the client address from CF-Connecting-IP", async () => {
    const lines: string[] = [];
    vi.spyOn(console, "log").mockImplementation((line: unknown) => void lines.push(String(line)));
    const res = await upgradeWorker(`/v1/backtests/${UNKNOWN_RUN}/stream?api_key=wrong-query-key`, {
      "CF-Connecting-IP": "203.0.113.9",
      "X-Request-ID": "ws-audit-denied",
    });
    await readClose(res);
    const auth = lines.map((line) => JSON.parse(line) as Record<string, unknown>).find((entry) => entry.event === "auth");
    expect(auth).toMatchObject({
      level: "warn",
      request_id: "ws-audit-denied",
      method: "GET",
      path: `/v1/backtests/${UNKNOWN_RUN}/stream?api_key=[REDACTED]`,
      client_ip: "203.0.113.9",
      key_status: "present",
      outcome: "denied",
      transport: "websocket",
    });
    expect(lines.join("\n")).not.toContain("wrong-query-key");
  });
});

describe("worker WebSocket with a valid key", () => {
  it.each([
    ["X-API-Key on /v1", `/v1/backtests/${UNKNOWN_RUN}/stream`, { "X-API-Key": env.GLOWBACK_API_KEY }],
    ["Bearer on the legacy path", `/backtests/${UNKNOWN_RUN}/stream`, { Authorization: `Bearer ${env.GLOWBACK_API_KEY}` }],
    ["?api_key= on /v1", `/v1/backtests/${UNKNOWN_RUN}/stream?api_key=${encodeURIComponent(env.GLOWBACK_API_KEY)}`, {}],
  ])("reaches the run's object, which closes 4404 (%s)", async (_name, path, headers) => {
    const res = await upgradeWorker(path, { ...headers, "X-Request-ID": "ws-valid" });
    expect(res.status).toBe(101);
    expect(res.headers.get("x-request-id")).toBe("ws-valid");
    expect(securityHeadersOf((n) => res.headers.get(n))).toEqual(SECURITY_HEADERS);
    expect(await readClose(res)).toEqual({ code: 4404, reason: "Run not found", messages: [] });
  });

  it("closes 1008 for an invalid last_event_id", async () => {
    const res = await upgradeWorker(`/v1/backtests/${UNKNOWN_RUN}/stream?last_event_id=-1`, { "X-API-Key": env.GLOWBACK_API_KEY });
    expect(res.status).toBe(101);
    const close = await readClose(res);
    expect(close.code).toBe(1008);
    expect(close.reason).toMatch(/last_event_id/);
  });
});
