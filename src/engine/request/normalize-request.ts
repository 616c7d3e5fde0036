/**
 * `normalizeBacktestRequest`: validates a `POST /v1/backtests` body against every rule of engine
 * spec §1 and returns the effective request. The result is what a manifest's `replay_request`
 * holds: feeding it back in returns a deep-equal request.
 */
import { resolveExecutionSettings } from "../execution/settings.ts";
import { RESOLUTIONS, EngineValidationError } from "../types.ts";
import type { BacktestRequest, Resolution } from "../types.ts";
import { isValidTimezone } from "../util/time.ts";
import { checkRangeSize, normalizeDataSource } from "./data-source-rules.ts";
import { readDate } from "./date-rules.ts";
import { readExecutionInput } from "./execution-rules.ts";
import { IssueSink, isJsonObject, rejectUnknownKeys } from "./issues.ts";
import type { JsonObject } from "./issues.ts";
import { normalizePortfolio } from "./portfolio-rules.ts";
import { readEnum, readNumber, readPattern, readString } from "./readers.ts";
import type { RequestContext } from "./request-context.ts";
import { DEFAULT_STRATEGY, normalizeStrategy } from "./strategy-rules.ts";
import { normalizeSymbol, normalizeSymbols } from "./symbol-rules.ts";

/** Top-level fields of the request body. */
export const REQUEST_FIELDS = [
  "symbols", "start_date", "end_date", "resolution", "strategy", "execution", "initial_capital",
  "currency", "timezone", "benchmark_symbol", "portfolio_construction", "risk_free_rate",
  "data_source", "csv_data_path", "data_quality_mode", "seed",
] as const;

/** Largest accepted `initial_capital`, account currency. */
export const MAX_INITIAL_CAPITAL = 1e12;

/** Largest accepted `seed` (2^31 − 1). */
export const MAX_SEED = 2_147_483_647;

/**
 * Validates `body` and applies every default. Throws `EngineValidationError` listing every issue
 * found (locs relative to the body). Dates come back as `YYYY-MM-DDTHH:MM:SS.sssZ`; symbols
 * upper-cased and de-duplicated; strategy params and execution settings fully resolved.
 */
export function normalizeBacktestRequest(body: unknown, ctx: RequestContext): BacktestRequest {
  if (!isJsonObject(body)) {
    throw new EngineValidationError([{ loc: [], msg: "Request body should be a JSON object", type: "object_type" }]);
  }
  const sink = new IssueSink();
  rejectUnknownKeys(sink, body, REQUEST_FIELDS, []);
  const symbols = normalizeSymbols(sink, body.symbols, ctx.maxSymbols);
  const start = readDate(sink, body.start_date, ["start_date"]);
  const end = readDate(sink, body.end_date, ["end_date"]);
  if (start !== undefined && end !== undefined && end <= start) {
    sink.add(["end_date"], "end_date must be after start_date", "value_error");
  }
  const resolution = readResolution(sink, body.resolution);
  const strategy = normalizeStrategy(sink, body.strategy);
  const execution = readExecutionInput(sink, body.execution);
  const scalars = readScalars(sink, body);
  const benchmark = body.benchmark_symbol == null ? null : normalizeSymbol(sink, body.benchmark_symbol, ["benchmark_symbol"]);
  const portfolio = normalizePortfolio(sink, body.portfolio_construction, strategyName(body, strategy?.name), symbols);
  const data = normalizeDataSource(sink, body.data_source, body.csv_data_path, ctx);
  if (sink.count === 0 && resolution && start !== undefined && end !== undefined) {
    checkRangeSize(sink, benchmark ? [...symbols, benchmark] : symbols, resolution, start, end);
  }
  if (sink.count > 0 || !strategy || !resolution || !scalars || start === undefined || end === undefined) {
    throw new EngineValidationError(sink.issues);
  }
  return {
    symbols, start_date: new Date(start).toISOString(), end_date: new Date(end).toISOString(), resolution,
    strategy, execution: { ...resolveExecutionSettings(execution) },
    initial_capital: scalars.initial_capital, currency: scalars.currency, timezone: scalars.timezone,
    benchmark_symbol: benchmark ?? null, portfolio_construction: portfolio, risk_free_rate: scalars.risk_free_rate,
    data_source: data.data_source, csv_data_path: data.csv_data_path, data_quality_mode: scalars.data_quality_mode, seed: scalars.seed,
  };
}

function readResolution(sink: IssueSink, value: unknown): Resolution | undefined {
  if (value === undefined) return "day";
  if (typeof value === "string" && (RESOLUTIONS as readonly string[]).includes(value)) return value as Resolution;
  const shown = typeof value === "string" ? `'${value}'` : "this value";
  sink.add(["resolution"], `Resolution ${shown} is not supported; supported resolutions: ${RESOLUTIONS.join(", ")}`, "enum");
  return undefined;
}

function strategyName(body: JsonObject, resolved: string | undefined): string | undefined {
  if (resolved !== undefined) return resolved;
  if (body.strategy === undefined) return DEFAULT_STRATEGY;
  const name = isJsonObject(body.strategy) ? body.strategy.name : undefined;
  return typeof name === "string" ? name : undefined;
}

type Scalars = Pick<BacktestRequest, "initial_capital" | "currency" | "timezone" | "risk_free_rate" | "data_quality_mode" | "seed">;

function readScalars(sink: IssueSink, body: JsonObject): Scalars | undefined {
  const before = sink.count;
  const initialCapital = readNumber(sink, body.initial_capital, ["initial_capital"], { above: 0, max: MAX_INITIAL_CAPITAL }, 1_000_000);
  const currency = readPattern(sink, body.currency, ["currency"], /^[A-Z]{3,5}$/, "pattern '^[A-Z]{3,5}$' (e.g. USD)", "USD");
  const timezone = readString(sink, body.timezone, ["timezone"], "UTC");
  if (timezone !== undefined && !isValidTimezone(timezone)) {
    sink.add(["timezone"], `'${timezone}' is not a valid IANA time zone name (e.g. UTC, America/New_York)`, "value_error");
  }
  const riskFree = readNumber(sink, body.risk_free_rate, ["risk_free_rate"], { min: -1, max: 1 }, 0.02);
  const mode = readEnum(sink, body.data_quality_mode, ["data_quality_mode"], ["warn", "fail"], "warn");
  const seed = readNumber(sink, body.seed, ["seed"], { min: 0, max: MAX_SEED, integer: true }, 0);
  if (sink.count > before) return undefined;
  return {
    initial_capital: initialCapital!, currency: currency!, timezone: timezone!,
    risk_free_rate: riskFree!, data_quality_mode: mode!, seed: seed!,
  };
}
