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
import { optimizationContract } from "./optimization-contract.ts";
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

  const restart = async () => {
    await server?.stop();
    server = undefined;
    server = await startServer(serverSpec);
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
        restart,
      });
    });

    describe("optimizations", () => {
      // A restart mid-search is tested where runs resume in-process at start-up (Node, Deno); on
      // Workers the optimisation's object picks it up again (see the workerd eviction tests).
      optimizationContract({ runtime, apiKey, target, restart: runtime === "workerd" ? undefined : restart });
    });
  });
}
