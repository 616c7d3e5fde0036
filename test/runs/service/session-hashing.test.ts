/**
 * The session hands the service's hasher to the engine and paces the result's split and store
 * write with its clock; the stored result equals a plain engine run's.
 */
import { describe, expect, it } from "vitest";
import type { CreateHasher, Pace } from "../../../src/engine/index.ts";
import { createSampleProvider, normalizeBacktestRequest, runBacktest } from "../../../src/engine/index.ts";
import { createInMemoryDatasetStore } from "../../../src/runs/memory-dataset-store.ts";
import { createInMemoryRunStore } from "../../../src/runs/memory-run-store.ts";
import { RunService } from "../../../src/runs/run-service.ts";
import type { RunStore } from "../../../src/runs/run-store.ts";
import { createNodeHasher } from "../../../src/runtime/local/node-hasher.ts";

const request = normalizeBacktestRequest({
  symbols: ["AAA", "BBB", "CCC"], start_date: "2020-01-01", end_date: "2023-01-01", data_source: "sample",
  strategy: { name: "ma_crossover", params: { short_period: 5, long_period: 20 } }, benchmark_symbol: "SPY",
}, { runtime: "node", csvAllowed: false });

describe("RunSession hashing and pacing", () => {
  it("uses the injected hasher and passes its clock as the pace of putResult", async () => {
    let made = 0;
    const createHasher: CreateHasher = () => {
      made++;
      return createNodeHasher();
    };
    const paces: (Pace | undefined)[] = [];
    const inner = createInMemoryRunStore();
    const store: RunStore = {
      ...inner,
      putResult: (runId, parts, pace) => {
        paces.push(pace);
        return inner.putResult(runId, parts, pace);
      },
    };
    let yields = 0;
    const monotonic = () => performance.now();
    const yieldControl = () => {
      yields++;
      return new Promise<void>((resolve) => setTimeout(resolve, 0));
    };
    const service = new RunService({
      store, datasets: createInMemoryDatasetStore(), createHasher, providerFor: () => createSampleProvider(), clock: { monotonic, yieldControl },
    });
    const status = await service.create(request, { keyId: null, requestId: "test" });
    await service.idle();
    expect((await service.get(status.run_id))?.state).toBe("completed");
    // One hasher for the bar fingerprint, one for the content hash.
    expect(made).toBe(2);
    expect(paces).toHaveLength(1);
    expect(paces[0]?.now).toBe(monotonic);
    expect(paces[0]?.yieldControl).toBe(yieldControl);
    expect(yields).toBeGreaterThan(0);
    const lookup = await service.result(status.run_id);
    const plain = await runBacktest({ runId: status.run_id, request, provider: createSampleProvider() });
    expect(lookup.kind).toBe("ready");
    const summary = JSON.parse(lookup.kind === "ready" ? lookup.body : "{}") as { content_hash: string; manifest: { dataset: { fingerprint: string } } };
    expect(summary.content_hash).toBe(plain.content_hash);
    expect(summary.manifest.dataset.fingerprint).toBe(plain.manifest.dataset.fingerprint);
  });
});
