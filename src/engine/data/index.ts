/** Public API of the engine's data layer (engine spec §2). */
export {
  CRYPTO_QUOTES, CRYPTO_SUFFIXES, EQUITY_SESSION_LENGTH_MS, EQUITY_SESSION_OPEN_MS,
  isCryptoSymbol, isTradingDay, sessionGrid, tradingDaysBefore,
} from "./asset-class.ts";
export type { SessionGrid } from "./asset-class.ts";
export { MAX_CSV_PATH_LENGTH, csvFileName, resolveCsvDirectory } from "./csv-path.ts";
export { TIMESTAMP_ALIASES, parseBarsCsv, parseCsvSeries } from "./csv-parser.ts";
export type { CsvParseOptions, ParsedCsv } from "./csv-parser.ts";
export { FINGERPRINT_VERSION, fingerprintSeries } from "./fingerprint.ts";
export { createInMemoryProvider } from "./in-memory-provider.ts";
export { assertQuality, buildSeries } from "./quality.ts";
export type { BuildSeriesOptions, DataQualityMode } from "./quality.ts";
export { RawBarRowsBuilder, rawRowsFromArrays } from "./raw-bars.ts";
export type { RawBarRows } from "./raw-bars.ts";
export { estimateBarCount } from "./sample-calendar.ts";
export { generateSampleSeries } from "./sample-generator.ts";
export { sampleParams } from "./sample-params.ts";
export type { SampleTickerParams } from "./sample-params.ts";
export {
  MAX_SAMPLE_BARS, SAMPLE_MAX_MS, SAMPLE_MIN_MS, checkSampleRequest, createSampleProvider,
} from "./sample-provider.ts";
export { cleanSummary, countMissingIntervals, lowerBound, sliceSeries } from "./series.ts";
