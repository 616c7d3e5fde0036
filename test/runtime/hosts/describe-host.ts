/**
 * Starts one host's server once for its file and runs the shared host and run contracts against
 * it; the run contract ends by restarting the server on the same storage.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe } from "vitest";
import type { HostName, HostOptions } from "../../support/host-servers.ts";
import { removeScratchDir } from "../../support/host-servers.ts";
import type { RunningServer, ServerSpec } from "../../support/server-process.ts";
import { startServer } from "../../support/server-process.ts";
import { hostContract } from "./host-contract.ts";
import { runContract } from "./run-contract.ts";

/** Registers `title`'s suite: a server from `spec` with a fresh key, stopped by PID group after the file. */
export function describeHost(title: string, runtime: HostName, spec: (options: HostOptions) => ServerSpec): void {
  const apiKey = `${runtime}-suite-${randomUUID()}`;
  // One spec for the file: a restart reuses its data directory (or wrangler's state directory).
  const serverSpec = spec({ apiKey });
  let server: RunningServer | undefined;
  const target = () => {
    if (!server) throw new Error(`the ${title} server did not start`);
    return server;
  };

  describe(title, () => {
    beforeAll(async () => {
      server = await startServer(serverSpec);
    });

    afterAll(async () => {
      await server?.stop();
      removeScratchDir(serverSpec);
    });

    hostContract({ runtime, apiKey, target });

    describe("runs", () => {
      runContract({
        runtime,
        apiKey,
        target,
        restart: async () => {
          await server?.stop();
          server = undefined;
          server = await startServer(serverSpec);
        },
      });
    });
  });
}
