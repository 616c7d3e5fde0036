/**
 * Parsing of bar CSV files (engine spec §2.2) into raw rows, with errors that name the file,
 * the line and the column so a user can fix the file.
 */
import { EngineValidationError } from "../types.ts";
import type { LoadedSeries, Resolution } from "../types.ts";
import { parseTimestamp } from "../util/parse-timestamp.ts";
import { CsvReader, CsvSyntaxError } from "./csv-reader.ts";
import type { CsvRecord } from "./csv-reader.ts";
import { buildSeries } from "./quality.ts";
import type { DataQualityMode } from "./quality.ts";
import { RawBarRowsBuilder } from "./raw-bars.ts";
import type { RawBarRows } from "./raw-bars.ts";

export { csvFileName, resolveCsvDirectory } from "./csv-path.ts";

/** Header names accepted for the timestamp column, in order of preference (case-insensitive). */
export const TIMESTAMP_ALIASES: readonly string[] = ["timestamp", "datetime", "date", "time"];

const VALUE_COLUMNS = ["open", "high", "low", "close", "volume"] as const;

/** What a CSV belongs to; `fileName` appears in every error message. */
export interface CsvParseOptions {
  symbol: string;
  resolution: Resolution;
  fileName: string;
}

/** Parsed rows and the header names (as written in the file) that were used. */
export interface ParsedCsv {
  rows: RawBarRows;
  columns: { timestamp: string; open: string; high: string; low: string; close: string; volume: string };
}

const NUMBER_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function csvError(msg: string): EngineValidationError {
  return new EngineValidationError([{ loc: ["csv_data_path"], msg, type: "value_error" }]);
}

function shown(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
}

interface ColumnMap {
  index: Record<"timestamp" | (typeof VALUE_COLUMNS)[number], number>;
  names: ParsedCsv["columns"];
}

function mapHeader(header: CsvRecord, fileName: string): ColumnMap {
  const normalized = header.fields.map((f) => f.trim().toLowerCase());
  const find = (name: string): number => {
    const first = normalized.indexOf(name);
    if (first >= 0 && normalized.indexOf(name, first + 1) >= 0) {
      throw csvError(`${fileName} line ${header.line}: column "${name}" appears more than once`);
    }
    return first;
  };
  const alias = TIMESTAMP_ALIASES.find((a) => normalized.includes(a));
  const index = { timestamp: alias === undefined ? -1 : find(alias), open: find("open"), high: find("high"), low: find("low"), close: find("close"), volume: find("volume") };
  const missing = (Object.keys(index) as (keyof typeof index)[]).filter((k) => index[k] < 0);
  if (missing.length > 0) {
    const list = missing.map((m) => `"${m}"`).join(", ");
    throw csvError(
      `${fileName} line ${header.line}: missing required column${missing.length === 1 ? "" : "s"} ${list} ` +
        `(a header row is required: timestamp (or date, datetime, time), open, high, low, close, volume; any case and order)`,
    );
  }
  const name = (k: keyof typeof index): string => header.fields[index[k]].trim();
  return { index, names: { timestamp: name("timestamp"), open: name("open"), high: name("high"), low: name("low"), close: name("close"), volume: name("volume") } };
}

function readNumber(record: CsvRecord, map: ColumnMap, column: (typeof VALUE_COLUMNS)[number], fileName: string): number {
  const raw = record.fields[map.index[column]].trim();
  if (!NUMBER_RE.test(raw)) {
    throw csvError(`${fileName} line ${record.line}, column "${map.names[column]}": ${shown(raw)} is not a number`);
  }
  return Number(raw);
}

function readRow(record: CsvRecord, map: ColumnMap, width: number, fileName: string, out: RawBarRowsBuilder): void {
  if (record.fields.length < width) {
    throw csvError(`${fileName} line ${record.line}: expected at least ${width} fields, found ${record.fields.length}`);
  }
  const rawTs = record.fields[map.index.timestamp].trim();
  const ts = parseTimestamp(rawTs);
  if (ts === null) {
    throw csvError(
      `${fileName} line ${record.line}, column "${map.names.timestamp}": ${shown(rawTs)} is not a valid timestamp ` +
        `(use RFC 3339 such as 2024-01-02T15:30:00Z, YYYY-MM-DD, or YYYY-MM-DD HH:MM:SS in UTC)`,
    );
  }
  const [o, h, l, c, v] = VALUE_COLUMNS.map((col) => readNumber(record, map, col, fileName));
  out.push(ts, o, h, l, c, v, record.line);
}

/**
 * Parses CSV text: a header row (first non-blank line) naming `timestamp`|`datetime`|`date`|`time`
 * (first match in that order), `open`, `high`, `low`, `close`, `volume` in any case and order
 * (other columns ignored), then one bar per row. Blank lines are skipped. Throws
 * `EngineValidationError` (loc `["csv_data_path"]`) naming file, line (header = line 1) and column
 * for an empty file, missing or repeated columns, short rows, bad timestamps or numbers, and
 * unterminated quotes. Rows are returned unvalidated, in file order (see `buildSeries`).
 */
export function parseBarsCsv(text: string, options: CsvParseOptions): ParsedCsv {
  const { fileName } = options;
  try {
    const reader = new CsvReader(text);
    let header = reader.next();
    while (header !== null && header.blank) header = reader.next();
    if (header === null) throw csvError(`${fileName} is empty: a header row is required (timestamp, open, high, low, close, volume)`);
    const map = mapHeader(header, fileName);
    const width = Math.max(...Object.values(map.index)) + 1;
    const builder = new RawBarRowsBuilder(Math.max(16, Math.min(1 << 20, text.length >> 5)));
    for (let record = reader.next(); record !== null; record = reader.next()) {
      if (!record.blank) readRow(record, map, width, fileName, builder);
    }
    return { rows: builder.finish(), columns: map.names };
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw csvError(`${fileName} line ${error.line}: ${error.message}`);
    throw error;
  }
}

/** `parseBarsCsv` followed by `buildSeries` (quality checks; `mode` defaults to `warn`). */
export function parseCsvSeries(text: string, options: CsvParseOptions & { mode?: DataQualityMode }): LoadedSeries {
  const { rows } = parseBarsCsv(text, options);
  return buildSeries(options.symbol, options.resolution, rows, { sampleData: false, mode: options.mode ?? "warn" });
}
