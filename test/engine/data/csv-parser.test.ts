import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseBarsCsv, parseCsvSeries } from "../../../src/engine/data/csv-parser.ts";
import { EngineValidationError } from "../../../src/engine/types.ts";

const FIXTURES = new URL("../../fixtures/csv/", import.meta.url);
const fixture = (name: string): string => readFileSync(new URL(name, FIXTURES), "utf8");
const opts = (fileName = "T_1d.csv") => ({ symbol: "T", resolution: "day" as const, fileName });

function errorOf(fn: () => unknown): EngineValidationError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(EngineValidationError);
    return error as EngineValidationError;
  }
  throw new Error("expected an EngineValidationError");
}

function expectCsvError(text: string, msg: string, fileName = "T_1d.csv"): void {
  const error = errorOf(() => parseBarsCsv(text, opts(fileName)));
  expect(error.issues).toEqual([{ loc: ["csv_data_path"], msg, type: "value_error" }]);
}

describe("parseBarsCsv on fixtures", () => {
  it("reads a clean daily file", () => {
    const { rows, columns } = parseBarsCsv(fixture("AAA_1d.csv"), opts("AAA_1d.csv"));
    expect(rows.length).toBe(160);
    expect(columns).toEqual({ timestamp: "timestamp", open: "open", high: "high", low: "low", close: "close", volume: "volume" });
    expect([rows.timestamps[0], rows.open[0], rows.high[0], rows.low[0], rows.close[0], rows.volume[0]]).toEqual([
      Date.UTC(2023, 0, 2), 99.99, 100.39, 99.49, 100.15, 1261012,
    ]);
    expect(rows.lines?.[159]).toBe(161);
  });

  it("reads RFC 3339 timestamps and an alias header with extra columns", () => {
    const bbb = parseBarsCsv(fixture("BBB_1d.csv"), opts());
    expect(bbb.rows.timestamps[1]).toBe(Date.UTC(2023, 0, 3));
    const ccc = parseBarsCsv(fixture("CCC_1d.csv"), opts());
    expect(ccc.columns.timestamp).toBe("Date");
    expect(ccc.columns.close).toBe("Close");
    expect(ccc.rows.length).toBe(130);
    expect([ccc.rows.timestamps[0], ccc.rows.close[0], ccc.rows.volume[0]]).toEqual([Date.UTC(2023, 0, 2), 25.17, 627059]);
  });

  it("builds a clean series with a quality summary", () => {
    const { series, quality } = parseCsvSeries(fixture("BTC-USD_1d.csv"), { symbol: "BTC-USD", resolution: "day", fileName: "BTC-USD_1d.csv" });
    expect(series.timestamps.length).toBe(200);
    expect(quality).toMatchObject({ rows_seen: 200, bars: 200, missing_intervals: 0, has_critical_issues: false, sample_data: false, issues: [] });
  });

  it("names file, line and column for a bad number", () => {
    expectCsvError(fixture("defects/BADNUM_1d.csv"), 'BADNUM_1d.csv line 17, column "close": "abc" is not a number', "BADNUM_1d.csv");
  });

  it("names file, line and column for a bad timestamp", () => {
    expectCsvError(
      fixture("defects/BADTS_1d.csv"),
      'BADTS_1d.csv line 4, column "timestamp": "2023/01/04" is not a valid timestamp (use RFC 3339 such as 2024-01-02T15:30:00Z, YYYY-MM-DD, or YYYY-MM-DD HH:MM:SS in UTC)',
      "BADTS_1d.csv",
    );
  });

  it("names a missing required column", () => {
    expectCsvError(
      fixture("defects/NOCLOSE_1d.csv"),
      'NOCLOSE_1d.csv line 1: missing required column "close" (a header row is required: timestamp (or date, datetime, time), open, high, low, close, volume; any case and order)',
      "NOCLOSE_1d.csv",
    );
  });
});

describe("parseBarsCsv on inline text", () => {
  const row = "1,2,0.5,1.5,100";
  it.each(["timestamp", "Timestamp", "DATE", "Date", "datetime", "Time"])("accepts the timestamp alias %s", (name) => {
    const { rows, columns } = parseBarsCsv(`${name},open,high,low,close,volume\n2024-01-02,${row}\n`, opts());
    expect(columns.timestamp).toBe(name);
    expect(rows.timestamps[0]).toBe(Date.UTC(2024, 0, 2));
  });

  it("prefers timestamp over date and accepts any column order and case", () => {
    const text = "VOLUME,Close,date,LOW,extra,High,Timestamp,Open\n7,4,2020-01-01,1,x,5,2024-01-02 10:00:00,3\n";
    const { rows } = parseBarsCsv(text, opts());
    expect([rows.timestamps[0], rows.open[0], rows.high[0], rows.low[0], rows.close[0], rows.volume[0]]).toEqual([
      Date.UTC(2024, 0, 2, 10), 3, 5, 1, 4, 7,
    ]);
  });

  it.each([
    ["2024-01-02", Date.UTC(2024, 0, 2)],
    ["2024-01-02 15:30:00", Date.UTC(2024, 0, 2, 15, 30)],
    ["2024-01-02T15:30:00Z", Date.UTC(2024, 0, 2, 15, 30)],
    ["2024-01-02T10:30:00.500-05:00", Date.UTC(2024, 0, 2, 15, 30, 0, 500)],
  ])("parses the timestamp %s", (ts, expected) => {
    expect(parseBarsCsv(`timestamp,open,high,low,close,volume\n${ts},${row}\n`, opts()).rows.timestamps[0]).toBe(expected);
  });

  it("handles a BOM, CRLF, quoted fields and blank lines", () => {
    const text = '\ufeff"timestamp","open",high,low,close,"vol""ume",volume\r\n\r\n"2024-01-02",1,2,0.5," 1.5 ","a,b\r\nc",100\r\n2024-01-03,1,2,0.5,1.5,,200\r\n\r\n\r\n';
    const { rows } = parseBarsCsv(text, opts());
    expect(rows.length).toBe(2);
    expect(Array.from(rows.close)).toEqual([1.5, 1.5]);
    expect(Array.from(rows.volume)).toEqual([100, 200]);
    expect(Array.from(rows.lines ?? [])).toEqual([3, 5]);
  });

  it("counts lines inside quoted fields for later errors", () => {
    const text = 'timestamp,open,high,low,close,volume,note\n2024-01-02,1,2,0.5,1.5,100,"two\nlines"\n2024-01-03,1,2,0.5,x,100,ok\n';
    expectCsvError(text, 'T_1d.csv line 4, column "close": "x" is not a number');
  });

  it.each([
    ["", "T_1d.csv is empty: a header row is required (timestamp, open, high, low, close, volume)"],
    ["\n\n", "T_1d.csv is empty: a header row is required (timestamp, open, high, low, close, volume)"],
    ["date,open,high,low\n", 'T_1d.csv line 1: missing required columns "close", "volume" (a header row is required: timestamp (or date, datetime, time), open, high, low, close, volume; any case and order)'],
    ["2024-01-02,1,2,0.5,1.5,100\n", 'T_1d.csv line 1: missing required columns "timestamp", "open", "high", "low", "close", "volume" (a header row is required: timestamp (or date, datetime, time), open, high, low, close, volume; any case and order)'],
    ["date,open,high,low,close,volume,Close\n", 'T_1d.csv line 1: column "close" appears more than once'],
    ["date,open,high,low,close,volume\n2024-01-02,1,2,0.5\n", "T_1d.csv line 2: expected at least 6 fields, found 4"],
    ["date,open,high,low,close,volume\n2024-01-02,1,2,0.5,1.5,\n", 'T_1d.csv line 2, column "volume": "" is not a number'],
    ["date,open,high,low,close,volume\n2024-01-02,1,0x2,0.5,1.5,1\n", 'T_1d.csv line 2, column "high": "0x2" is not a number'],
    ["date,open,high,low,close,volume\n2024-01-02,NaN,2,0.5,1.5,1\n", 'T_1d.csv line 2, column "open": "NaN" is not a number'],
    ['date,open,high,low,close,volume\n2024-01-02,1,2,0.5,1.5,"1\n', "T_1d.csv line 2: unterminated quoted field"],
  ])("rejects %j", (text, msg) => {
    expectCsvError(text, msg);
  });

  it("accepts signed and exponent numbers", () => {
    const { rows } = parseBarsCsv("date,open,high,low,close,volume\n2024-01-02,+1.5,2e1,.5,-3,1E3\n", opts());
    expect([rows.open[0], rows.high[0], rows.low[0], rows.close[0], rows.volume[0]]).toEqual([1.5, 20, 0.5, -3, 1000]);
  });
});
