/** An invalid variable stops Node and Deno at start-up with a message naming it (API spec §8). */
import { describe, expect, it } from "vitest";
import { DENO_BINARY, DENO_RUN_ARGS, NODE_RUN_ARGS, cleanEnv } from "../../support/host-servers.ts";
import { runToExit } from "../../support/server-process.ts";

const BAD_LEVEL = { ...cleanEnv(), PORT: "0", HOST: "127.0.0.1", GLOWBACK_LOG_LEVEL: "verbose", DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" };

describe.each([
  ["node", process.execPath, NODE_RUN_ARGS],
  ["deno", DENO_BINARY, DENO_RUN_ARGS],
])("%s host with GLOWBACK_LOG_LEVEL=verbose", (_host, command, args) => {
  it("exits with status 1, names the variable on stderr, and never listens", async () => {
    const result = await runToExit(command, args, BAD_LEVEL);
    expect(result.signal).toBeNull();
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("GLOWBACK_LOG_LEVEL");
    expect(result.stderr).toContain('"verbose"');
    expect(result.stdout).not.toContain('"event":"listening"');
  });
});
