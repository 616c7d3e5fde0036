/**
 * An injected hasher (the Node/Deno `node:crypto` one) gives byte-identical results: the same
 * fingerprints and content hashes as the engine's own SHA-256, pinned by the golden files.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createInMemoryProvider, parseCsvSeries } from "../../../src/engine/data/index.ts";
import { fingerprintSeries } from "../../../src/engine/data/fingerprint.ts";
import type { BacktestRequest, BacktestResult, CreateHasher, LoadedSeries } from "../../../src/engine/index.ts";
import { contentHash, createSampleProvider, normalizeBacktestRequest, runBacktest } from "../../../src/engine/index.ts";
import { generateSampleSeries } from "../../../src/engine/data/sample-generator.ts";
import { createNodeHasher } from "../../../src/runtime/local/node-hasher.ts";

const FIXTURES = fileURLToPath(new URL("../../fixtures/csv/", import.meta.url));
const EXPECTED = fileURLToPath(new URL("../golden/expected/", import.meta.url));
const GOLDEN = ["buy_and_hold", "covered_call", "ma_crossover", "mean_reversion", "momentum", "rsi", "target_weights"];

function fixtureProvider() {
  const map = new Map<string, LoadedSeries>();
  for (const symbol of ["AAA", "BBB", "CCC", "BTC-USD"]) {
    const fileName = `${symbol}_1d.csv`;
    map.set(symbol, parseCsvSeries(readFileSync(FIXTURES + fileName, "utf8"), { symbol, resolution: "day", fileName }));
  }
  return createInMemoryProvider("csv", map);
}

/** Counts the hashers made, so a test knows the injected one was used. */
function counting(inner: CreateHasher): CreateHasher & { made: number } {
  const fn = Object.assign(() => {
    fn.made++;
    return inner();
  }, { made: 0 });
  return fn;
}

describe("injected hasher", () => {
  it.each(GOLDEN)("reproduces the golden fingerprint and content_hash of %s with node:crypto", async (name) => {
    const expected = JSON.parse(readFileSync(`${EXPECTED}${name}.json`, "utf8")) as BacktestResult;
    const request = expected.manifest.replay_request as BacktestRequest;
    const createHasher = counting(createNodeHasher);
    const result = await runBacktest({ runId: expected.run_id, request, provider: fixtureProvider(), createHasher });
    // One hasher for the bar fingerprint, one for the content hash.
    expect(createHasher.made).toBe(2);
    expect(result.manifest.dataset.fingerprint).toBe(expected.manifest.dataset.fingerprint);
    expect(result.content_hash).toBe(expected.content_hash);
  });

  it("gives a whole sample result identical to the default's, and the same standalone hashes", async () => {
    const body = {
      symbols: ["AAA", "BBB", "CCC"], start_date: "2019-01-01", end_date: "2023-01-01", resolution: "day",
      strategy: { name: "ma_crossover", params: { short_period: 5, long_period: 20 } }, benchmark_symbol: "SPY", data_source: "sample",
    };
    const request = normalizeBacktestRequest(body, { runtime: "node", csvAllowed: false });
    const injected = await runBacktest({ runId: "r", request, provider: createSampleProvider(), createHasher: createNodeHasher });
    const plain = await runBacktest({ runId: "r", request, provider: createSampleProvider() });
    expect(injected.trades.length).toBeGreaterThan(10);
    expect(JSON.stringify(injected)).toBe(JSON.stringify(plain));
    const { run_id: _id, content_hash: hash, ...rest } = plain;
    expect(contentHash(rest, createNodeHasher)).toBe(hash);
    expect(contentHash(rest)).toBe(hash);
    const series = ["AAA", "BBB"].map((s) => generateSampleSeries(s, "day", Date.UTC(2020, 0, 1), Date.UTC(2021, 0, 1)));
    expect(fingerprintSeries(series, createNodeHasher)).toBe(fingerprintSeries(series));
  });
});
