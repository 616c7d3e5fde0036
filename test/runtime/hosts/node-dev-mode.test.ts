/**
 * Development mode on a real Node server: no key configured ⇒ one "authentication disabled"
 * warning at start-up, every request allowed, audit lines with `auth: "disabled"`.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseJsonLines, waitForAuditLine } from "../../support/audit-lines.ts";
import { nodeServer } from "../../support/host-servers.ts";
import type { RunningServer } from "../../support/server-process.ts";
import { startServer } from "../../support/server-process.ts";
import { probeWebSocket } from "../../support/ws-probe.ts";

const RUN = "5b0f3e2a-9c71-4d2e-8f4b-6a1d2c3e4f50";
let server: RunningServer;

const warnings = () => parseJsonLines(server.stdout()).filter((line) => String(line.message ?? "").includes("authentication disabled"));

beforeAll(async () => {
  server = await startServer(nodeServer({}));
});

afterAll(async () => {
  await server?.stop();
});

describe("Node host without GLOWBACK_API_KEY", () => {
  it("logs the authentication-disabled warning once, before it listens", () => {
    const lines = parseJsonLines(server.stdout());
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]).toMatchObject({ level: "warn", event: "startup" });
    const listening = lines.findIndex((line) => line.event === "listening");
    expect(lines.indexOf(warnings()[0])).toBeLessThan(listening);
  });

  it("lets a request without a key through, auditing it as disabled", async () => {
    const res = await fetch(`${server.baseUrl}/v1/backtests/${RUN}/stream`, { headers: { Accept: "text/event-stream", "X-Request-ID": "dev-mode-sse" } });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: "not_found", message: "Run not found", details: null }, request_id: "dev-mode-sse" });
    const auth = await waitForAuditLine(() => server.stdout(), "auth", "dev-mode-sse");
    expect(auth).toMatchObject({ outcome: "disabled", auth: "disabled", key_status: "absent", transport: "sse" });
    expect(auth.key_id).toBeUndefined();
  });

  it("lets a WebSocket without a key reach the run lookup (close 4404, not 1008)", async () => {
    const outcome = await probeWebSocket(`${server.baseUrl}/v1/backtests/${RUN}/stream`);
    expect(outcome).toMatchObject({ status: 101, code: 4404, reason: "Run not found" });
  });

  it("still has exactly one warning after serving requests", () => {
    expect(warnings()).toHaveLength(1);
  });
});
