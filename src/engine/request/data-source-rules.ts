/** `data_source`, `csv_data_path` and range-size rules (engine spec §2). */
import { MAX_CSV_PATH_LENGTH, resolveCsvDirectory } from "../data/csv-path.ts";
import { estimateBarCount } from "../data/sample-calendar.ts";
import type { DataSourceName, Resolution } from "../types.ts";
import type { IssueSink } from "./issues.ts";
import type { RequestContext } from "./request-context.ts";
import { readEnum, readString } from "./readers.ts";

/** Most bars one symbol may span; larger ranges are rejected at request time. */
export const MAX_BARS_PER_SYMBOL = 5_000_000;

const SOURCES: readonly DataSourceName[] = ["sample", "csv", "dataset", "default"];

/** Effective data source of a request. */
export interface DataSourceChoice {
  data_source: DataSourceName;
  csv_data_path: string | null;
}

/**
 * Validates `data_source` (default `default`) and `csv_data_path`, which is required for and
 * only allowed with `csv`, must stay inside the data directory, and is refused when the host
 * cannot read local files (`ctx.csvAllowed: false`).
 */
export function normalizeDataSource(sink: IssueSink, source: unknown, path: unknown, ctx: RequestContext): DataSourceChoice {
  const dataSource = readEnum(sink, source, ["data_source"], SOURCES, "default") ?? "default";
  const given = path === null ? undefined : readString(sink, path, ["csv_data_path"]);
  if (dataSource !== "csv") {
    if (given !== undefined) sink.add(["csv_data_path"], "csv_data_path is only allowed with data_source 'csv'", "value_error");
    return { data_source: dataSource, csv_data_path: null };
  }
  if (!ctx.csvAllowed) {
    sink.add(["data_source"], `data_source 'csv' is not available on this host (${ctx.runtime}); upload the series as a dataset (POST /v1/datasets) and use data_source 'dataset'`, "value_error");
    return { data_source: dataSource, csv_data_path: null };
  }
  if (path == null) {
    sink.add(["csv_data_path"], "Field required when data_source is 'csv'", "missing");
  } else if (given !== undefined) {
    checkCsvPath(sink, given);
  }
  return { data_source: dataSource, csv_data_path: given ?? null };
}

function checkCsvPath(sink: IssueSink, path: string): void {
  if (path.length === 0 || path.length > MAX_CSV_PATH_LENGTH) {
    sink.add(["csv_data_path"], `csv_data_path should have 1..${MAX_CSV_PATH_LENGTH} characters`, path.length === 0 ? "too_short" : "too_long");
  } else if (resolveCsvDirectory("/data", path) === null) {
    sink.add(["csv_data_path"], "csv_data_path must be a relative path inside the data directory", "value_error");
  }
}

/**
 * Rejects ranges whose estimated bar count exceeds {@link MAX_BARS_PER_SYMBOL} for any symbol,
 * suggesting a coarser resolution or a shorter range.
 */
export function checkRangeSize(sink: IssueSink, symbols: string[], resolution: Resolution, startMs: number, endMs: number): void {
  for (const symbol of symbols) {
    const bars = estimateBarCount(symbol, resolution, startMs, endMs);
    if (bars > MAX_BARS_PER_SYMBOL) {
      const hint = resolution === "day" ? "a shorter date range" : "a coarser resolution or a shorter date range";
      sink.add(["resolution"], `The range spans about ${Math.round(bars)} ${resolution} bars for ${symbol}, over the limit of ${MAX_BARS_PER_SYMBOL} per symbol; use ${hint}`, "value_error");
      return;
    }
  }
}
