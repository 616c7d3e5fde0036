/**
 * Run by `trial-pool-deno.test.ts` under `deno run`: the pool on Deno's threads must give the
 * in-process results and stop a running trial on abort. Prints one JSON summary line.
 */
import { TEST_HOOK_PREFIX, createTrialWorkerPool } from "../../../../src/runtime/local/trial-pool/index.ts";
import type { TrialPoolEvent } from "../../../../src/runtime/local/trial-pool/index.ts";
import { firstTrials, inProcess, sampleProvider, smallRequest, withoutTiming } from "./fixtures.ts";

const request = smallRequest({ data_source: "sample" });
const specs = firstTrials(request, 3);
const events: TrialPoolEvent[] = [];
const pool = createTrialWorkerPool({ size: 2, providerFor: sampleProvider, testHooks: true, observe: (e) => events.push(e) });
try {
  const live = new AbortController().signal;
  const results = await Promise.all(specs.map((spec) => pool.evaluate({ optimizationId: "deno", request, spec }, live)));
  const expected = await inProcess(request, specs, sampleProvider);
  const identical = JSON.stringify(results.map(withoutTiming)) === JSON.stringify(expected.map(withoutTiming));
  const controller = new AbortController();
  const held = pool.evaluate({ optimizationId: `${TEST_HOOK_PREFIX}hold`, request, spec: specs[0] }, controller.signal);
  while (events.filter((e) => e.type === "started").length < specs.length + 1) {
    await new Promise((r) => setTimeout(r, 5));
  }
  controller.abort("deno-cancel");
  const abortedWith = await held.then(() => "resolved", (reason: unknown) => String(reason));
  console.log(JSON.stringify({
    runtime: "Deno" in globalThis ? "deno" : "other",
    identical,
    statuses: results.map((r) => r.status),
    threads: [...new Set(events.flatMap((e) => (e.type === "finished" ? [e.thread] : [])))].sort(),
    abortedWith,
    lost: events.filter((e) => e.type === "thread_lost").length,
  }));
} finally {
  await pool.close();
}
