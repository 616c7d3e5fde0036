/** Starts one host's server once for its file and runs the shared host contract against it. */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe } from "vitest";
import type { HostName, HostOptions } from "../../support/host-servers.ts";
import type { RunningServer, ServerSpec } from "../../support/server-process.ts";
import { startServer } from "../../support/server-process.ts";
import { hostContract } from "./host-contract.ts";

/** Registers `title`'s suite: a server from `spec` with a fresh key, stopped by PID group after the file. */
export function describeHost(title: string, runtime: HostName, spec: (options: HostOptions) => ServerSpec): void {
  const apiKey = `${runtime}-suite-${randomUUID()}`;
  let server: RunningServer | undefined;

  describe(title, () => {
    beforeAll(async () => {
      server = await startServer(spec({ apiKey }));
    });

    afterAll(async () => {
      await server?.stop();
    });

    hostContract({
      runtime,
      apiKey,
      target: () => {
        if (!server) throw new Error(`the ${title} server did not start`);
        return server;
      },
    });
  });
}
