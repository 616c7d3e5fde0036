/** Contract checks: storing, replacing and listing uploaded series. */
import type { LoadedSeries } from "../../../src/engine/types.ts";
import { assert, assertEqual } from "./assert.ts";
import type { ContractCheck } from "./contract-types.ts";
import { at, datasetInfo, series } from "./fixtures.ts";

const COLUMNS = ["timestamps", "open", "high", "low", "close", "volume"] as const;

/** Values that are easy to corrupt: signed zero, subnormals, extremes, infinities, long fractions. */
const AWKWARD = [-0, 0, 5e-324, -5e-324, 2.2250738585072014e-308, Number.MAX_VALUE, -Number.MAX_VALUE, Infinity, -Infinity, 0.1 + 0.2, 1 / 3, -1234.5678, 2 ** 53 + 2];

/** Bit-exact comparison of two series, column by column. */
function assertSameSeries(actual: LoadedSeries | null, expected: LoadedSeries, label: string): void {
  assert(actual !== null, `${label}: series missing`);
  assertEqual(actual.series.symbol, expected.series.symbol, `${label}: symbol`);
  assertEqual(actual.series.resolution, expected.series.resolution, `${label}: resolution`);
  for (const column of COLUMNS) {
    const a = actual.series[column];
    const e = expected.series[column];
    assert(a instanceof Float64Array, `${label}: ${column} is a Float64Array`);
    assertEqual(a.length, e.length, `${label}: ${column} length`);
    const aBits = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    const eBits = new Uint8Array(e.buffer, e.byteOffset, e.byteLength);
    for (let i = 0; i < aBits.length; i++) {
      if (aBits[i] !== eBits[i]) assertEqual(a[Math.floor(i / 8)], e[Math.floor(i / 8)], `${label}: ${column}[${Math.floor(i / 8)}] bits`);
    }
  }
  assertEqual(actual.quality, expected.quality, `${label}: quality`);
}

/** Checks of `putDataset`, `getDataset`, `getDatasetInfo`, `listDatasets`. */
export const DATASET_CHECKS: ContractCheck[] = [
  {
    name: "a series round-trips bit-exact, with its quality and info",
    async run({ datasets }) {
      const loaded = series("AAPL", "day", 300, (i, c) => AWKWARD[(i + c) % AWKWARD.length] * (i % 2 === 0 ? 1 : -1));
      const info = datasetInfo(loaded, at(0));
      await datasets.putDataset(loaded, info);
      assertSameSeries(await datasets.getDataset("AAPL", "day"), loaded, "AAPL/day");
      assertEqual(await datasets.getDatasetInfo("AAPL", "day"), info, "info");
      const empty = series("EMPTY", "hour", 0, () => 0);
      await datasets.putDataset(empty, datasetInfo(empty, at(1)));
      assertSameSeries(await datasets.getDataset("EMPTY", "hour"), empty, "empty series");
      assertEqual((await datasets.getDatasetInfo("EMPTY", "hour"))?.start, null, "empty series has no start");
    },
  },
  {
    name: "unknown datasets read as null, and an empty store lists nothing",
    async run({ datasets }) {
      assertEqual(await datasets.listDatasets(), [], "list");
      assertEqual(await datasets.getDataset("AAPL", "day"), null, "getDataset");
      assertEqual(await datasets.getDatasetInfo("AAPL", "day"), null, "getDatasetInfo");
      const loaded = series("AAPL", "day", 3, (i) => i);
      await datasets.putDataset(loaded, datasetInfo(loaded, at(0)));
      assertEqual(await datasets.getDataset("AAPL", "hour"), null, "other resolution");
      assertEqual(await datasets.getDataset("aapl", "day"), null, "symbols are case-sensitive");
    },
  },
  {
    name: "putDataset replaces the series of the same symbol and resolution only",
    async run({ datasets }) {
      const long = series("MSFT", "minute", 20_000, (i, c) => i * 10 + c);
      const daily = series("MSFT", "day", 5, (i, c) => i + c / 10);
      await datasets.putDataset(long, datasetInfo(long, at(0), "a".repeat(64)));
      await datasets.putDataset(daily, datasetInfo(daily, at(1), "b".repeat(64)));
      const short = series("MSFT", "minute", 3, (i, c) => -i - c);
      const shortInfo = datasetInfo(short, at(2), "c".repeat(64));
      await datasets.putDataset(short, shortInfo);
      assertSameSeries(await datasets.getDataset("MSFT", "minute"), short, "replaced (no bars of the longer series left)");
      assertEqual(await datasets.getDatasetInfo("MSFT", "minute"), shortInfo, "info replaced");
      assertSameSeries(await datasets.getDataset("MSFT", "day"), daily, "other resolution untouched");
      assertEqual((await datasets.listDatasets()).length, 2, "still two datasets");
    },
  },
  {
    name: "listDatasets sorts by symbol, then resolution",
    async run({ datasets }) {
      const keys: [string, "minute" | "hour" | "day"][] = [["SPY", "minute"], ["AAPL", "minute"], ["SPY", "day"], ["MSFT", "hour"], ["AAPL", "day"], ["AAPL", "hour"]];
      for (const [symbol, resolution] of keys) {
        const loaded = series(symbol, resolution, 2, (i) => i);
        await datasets.putDataset(loaded, datasetInfo(loaded, at(0)));
      }
      const listed = (await datasets.listDatasets()).map((d) => `${d.symbol}/${d.resolution}`);
      assertEqual(listed, ["AAPL/day", "AAPL/hour", "AAPL/minute", "MSFT/hour", "SPY/day", "SPY/minute"], "order");
    },
  },
  {
    name: "a series of 100,000 bars round-trips bit-exact",
    async run({ datasets }) {
      const loaded = series("BIG", "minute", 100_000, (i, c) => 100 + Math.sin(i / 97 + c) * 10 + i * 1e-7);
      const info = datasetInfo(loaded, at(0));
      await datasets.putDataset(loaded, info);
      assertSameSeries(await datasets.getDataset("BIG", "minute"), loaded, "BIG/minute");
      assertEqual((await datasets.getDatasetInfo("BIG", "minute"))?.bars, 100_000, "bars");
    },
  },
  {
    name: "stored series cannot be changed through arrays a caller holds",
    async run({ datasets }) {
      const loaded = series("COPY", "day", 10, (i) => i);
      await datasets.putDataset(loaded, datasetInfo(loaded, at(0)));
      loaded.series.close[0] = 999;
      loaded.quality.issues.push("mutated");
      const read = await datasets.getDataset("COPY", "day");
      assertEqual(read?.series.close[0], 0, "after mutating the input");
      read!.series.open[1] = 999;
      assertEqual((await datasets.getDataset("COPY", "day"))?.series.open[1], 1, "after mutating the output");
      assertEqual((await datasets.getDataset("COPY", "day"))?.quality.issues, ["1 duplicate timestamp dropped"], "quality");
    },
  },
];
