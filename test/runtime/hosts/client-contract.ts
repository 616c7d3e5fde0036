/**
 * The typed client and the stream helper against a real host: REST through `createGlowBackClient`
 * (global fetch), and `streamRun` over `ws` — a full run, a resume after the test cuts the
 * underlying socket mid-run, and the typed rejections (1008 wrong key, 4404 unknown run).
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { createGlowBackClient } from "../../../src/client/client.ts";
import type { CreateBacktestBody, GlowBackClient } from "../../../src/client/client.ts";
import { RunStreamError, streamRun } from "../../../src/client/stream.ts";
import type { RunStreamState } from "../../../src/client/stream.ts";
import type { RunEvent } from "../../../src/runs/run-types.ts";
import type { HostName, HostOptions } from "../../support/host-servers.ts";
import { DENO_BINARY, cleanEnv, removeScratchDir } from "../../support/host-servers.ts";
import { longRunBody, smallRunBody } from "../../support/run-bodies.ts";
import type { RunningServer, ServerSpec } from "../../support/server-process.ts";
import { runToExit, startServer } from "../../support/server-process.ts";

/** A `ws` socket class that terminates its TCP connection (no close frame) after `cutAfter` messages, once. */
function cuttingWebSocket(cutAfter: number, onCut: () => void) {
  const urls: string[] = [];
  let cut = false;
  class CuttingWebSocket extends WebSocket {
    constructor(url: string) {
      super(url);
      urls.push(url);
      let received = 0;
      this.on("message", () => {
        received += 1;
        if (!cut && received === cutAfter) {
          cut = true;
          this.terminate();
          onCut();
        }
      });
    }
  }
  return { WebSocket: CuttingWebSocket, urls };
}

const ids = (events: RunEvent[]) => events.map((e) => e.event_id);
const oneTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

/** How `examples/stream-run.ts` is run under each client runtime (Node needs `ws`; Deno has a global WebSocket). */
const EXAMPLE_RUNNERS: Record<string, { command: string; args: string[] }> = {
  node: { command: process.execPath, args: ["--import", "tsx", "examples/stream-run.ts"] },
  deno: { command: DENO_BINARY, args: ["run", "--allow-net", "--allow-env", "--allow-read", "examples/stream-run.ts"] },
};

/** Registers `title`: a server from `spec` with a fresh key for the file, and the client suite against it. */
export function describeClientHost(title: string, runtime: HostName, spec: (options: HostOptions) => ServerSpec): void {
  const apiKey = `${runtime}-client-${randomUUID()}`;
  const serverSpec = spec({ apiKey });
  let server: RunningServer | undefined;
  let client: GlowBackClient;
  const baseUrl = () => server!.baseUrl;

  describe(title, () => {
    beforeAll(async () => {
      server = await startServer(serverSpec);
      client = createGlowBackClient({ baseUrl: server.baseUrl, apiKey });
    });
    afterAll(async () => {
      await server?.stop();
      removeScratchDir(serverSpec);
    });

    it("streams a run from its first event to the terminal one, matching the stored log", async () => {
      const created = await client.createBacktest(smallRunBody() as CreateBacktestBody);
      const events: RunEvent[] = [];
      const states: RunStreamState[] = [];
      const stream = streamRun({ baseUrl: baseUrl(), runId: created.run_id, apiKey, WebSocket, onEvent: (e) => events.push(e), onState: (s) => states.push(s) });
      const terminal = await stream.done;
      expect([terminal.type, terminal.payload.state]).toEqual(["state", "completed"]);
      expect(ids(events)).toEqual(oneTo(events.length));
      expect(events.at(-1)).toEqual(terminal);
      expect(states).toEqual(["connecting", "open", "closed"]);
      const stored = await client.events(created.run_id, { limit: 1000 });
      expect(ids(stored)).toEqual(ids(events));
      const status = await client.getBacktest(created.run_id);
      expect([status.state, status.progress]).toEqual(["completed", 1]);
      expect((await client.results(created.run_id)).run_id).toBe(created.run_id);
    });

    it("resumes after the socket is cut mid-run and delivers 1..N exactly once", async () => {
      // A run of seconds, so that the cut and the resume happen while it is running.
      const created = await client.createBacktest(longRunBody() as CreateBacktestBody);
      let stateAtCut: Promise<string> | undefined;
      const cutting = cuttingWebSocket(4, () => (stateAtCut = client.getBacktest(created.run_id).then((s) => s.state)));
      const events: RunEvent[] = [];
      const states: RunStreamState[] = [];
      const stream = streamRun({
        baseUrl: baseUrl(), runId: created.run_id, apiKey, WebSocket: cutting.WebSocket, reconnect: { initialDelayMs: 20, maxDelayMs: 100 },
        onEvent: (e) => events.push(e), onState: (s) => states.push(s),
      });
      const terminal = await stream.done;
      expect(terminal.payload.state).toBe("completed");
      expect(cutting.urls).toHaveLength(2);
      expect(await stateAtCut).toBe("running");
      // Frames already read off the socket may still arrive after the cut, so the resume point is 4 or a little more.
      const resumedFrom = Number(new URL(cutting.urls[1]!).searchParams.get("last_event_id"));
      expect(resumedFrom).toBeGreaterThanOrEqual(4);
      expect(resumedFrom).toBeLessThan(events.length - 1);
      expect(states).toEqual(["connecting", "open", "reconnecting", "open", "closed"]);
      expect(events.length).toBeGreaterThan(10);
      expect(ids(events)).toEqual(oneTo(events.length));
      expect(events.at(-1)).toEqual(terminal);
      expect(stream.lastEventId).toBe(events.length);
    });

    it("rejects with unauthorized (1008) for a wrong key and not_found (4404) for an unknown run", async () => {
      const created = await client.createBacktest(smallRunBody() as CreateBacktestBody);
      const denied = streamRun({ baseUrl: baseUrl(), runId: created.run_id, apiKey: "not-the-key", WebSocket });
      const deniedError = await denied.done.then(() => null, (e: unknown) => e);
      expect(deniedError).toBeInstanceOf(RunStreamError);
      expect([(deniedError as RunStreamError).kind, (deniedError as RunStreamError).closeCode]).toEqual(["unauthorized", 1008]);

      const missing = streamRun({ baseUrl: baseUrl(), runId: randomUUID(), apiKey, WebSocket });
      const missingError = await missing.done.then(() => null, (e: unknown) => e);
      expect(missingError).toBeInstanceOf(RunStreamError);
      expect([(missingError as RunStreamError).kind, (missingError as RunStreamError).closeCode]).toEqual(["not_found", 4404]);
    });

    // The example is one script for every client runtime; running it against one host is enough.
    it.runIf(runtime === "node").each(Object.keys(EXAMPLE_RUNNERS))("runs examples/stream-run.ts under %s to completion", async (name) => {
      const runner = EXAMPLE_RUNNERS[name]!;
      const env = { ...cleanEnv(), GLOWBACK_URL: baseUrl(), GLOWBACK_API_KEY: apiKey, DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" };
      const finished = await runToExit(runner.command, runner.args, env, 30_000);
      expect(finished.stderr).toBe("");
      expect(finished.code).toBe(0);
      const lines = finished.stdout.trim().split("\n");
      expect(lines[0]).toMatch(/^run [0-9a-f-]{36}: queued$/);
      expect(lines).toContain("progress 100 %");
      expect(lines.at(-2)).toBe("state completed");
      expect(lines.at(-1)).toMatch(/^total return: -?\d/);
    });
  });
}
