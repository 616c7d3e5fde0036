import { runDurableObjectAlarm } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createRun, holdNewRunsQueued, runStub, slowBody } from "./run-helpers.ts";

afterEach(() => vi.restoreAllMocks());
describe("probe", () => {
  it("probe interleaving", async () => {
    holdNewRunsQueued();
    const id = (await createRun(slowBody({ end_date: "2022-07-01" }))).json.run_id;
    const stub = runStub(id);
    const t0 = Date.now();
    let done = false;
    const p = runDurableObjectAlarm(stub).finally(() => (done = true));
    const seen: string[] = [];
    while (!done) {
      const s = await stub.getStatus();
      seen.push(`${Date.now() - t0}:${s?.state}:${s?.progress}`);
      await new Promise((r) => setTimeout(r, 5));
    }
    await p;
    console.error(seen.join(" "));
    expect(1).toBe(1);
  });
});
