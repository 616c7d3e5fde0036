/**
 * Public API of the GlowBack engine: a pure library (no host globals, no imports outside
 * `src/engine/`). Normalise a request, pick a data provider, stream or run the backtest.
 */
export type * from "./types.ts";
export { EngineValidationError, RESOLUTIONS, RESOLUTION_MS } from "./types.ts";
export type * from "./simulation-types.ts";
export type * from "./report/result-types.ts";
export { ENGINE_NAME, ENGINE_VERSION } from "./version.ts";

export { normalizeBacktestRequest, MAX_INITIAL_CAPITAL, MAX_SEED, REQUEST_FIELDS } from "./request/normalize-request.ts";
export type { RequestContext } from "./request/request-context.ts";
export { MAX_SYMBOLS } from "./request/symbol-rules.ts";
export { MAX_BARS_PER_SYMBOL } from "./request/data-source-rules.ts";

export { runBacktest, streamBacktest } from "./run/stream-backtest.ts";
export { BacktestAbortError } from "./run/run-types.ts";
export type { BacktestRunEvent, LogRunEvent, MetricRunEvent, ProgressRunEvent, RunBacktestOptions } from "./run/run-types.ts";

export { STEP_SLICE_MS, SlicePacer, drainCooperatively } from "./run/cooperative.ts";
export type { Pace } from "./run/cooperative.ts";

export { buildResult, contentHash } from "./report/build-result.ts";
export { createSha256Hasher, updateFloat64LE } from "./util/hasher.ts";
export type { CreateHasher, Hasher } from "./util/hasher.ts";
export { canonicalJson } from "./report/canonical-json.ts";

export { STRATEGY_INFOS, strategyInfo, resolveStrategyParams } from "./strategies/param-specs.ts";
export type { ParamSpec, StrategyInfo } from "./strategies/param-specs.ts";
export { DEFAULT_EXECUTION, resolveExecutionSettings } from "./execution/settings.ts";

export {
  assertQuality, createInMemoryProvider, createSampleProvider, csvFileName, estimateBarCount, fingerprintSeries,
  isCryptoSymbol, parseBarsCsv, parseCsvSeries, resolveCsvDirectory,
} from "./data/index.ts";
export type { CsvParseOptions, DataQualityMode, ParsedCsv } from "./data/index.ts";

export * from "./optimize/index.ts";
