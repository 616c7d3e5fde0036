/**
 * Structured logging: one object per line, JSON or `key=value` text, filtered by level.
 * The sink is injected so hosts write to stdout and tests capture lines.
 */
import type { LogLevel } from "../config.ts";
import { jsonLogLine } from "./json-line.ts";

/** Fields of one log line; `ts` and `level` are added by the logger. */
export type LogFields = Record<string, string | number | boolean | null | undefined>;

/** Writes one already-formatted line (no trailing newline). */
export type LogSink = (line: string) => void;

/** A structured logger. */
export interface Logger {
  debug(fields: LogFields): void;
  info(fields: LogFields): void;
  warn(fields: LogFields): void;
  error(fields: LogFields): void;
}

const LEVEL_RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Options of `createLogger`. */
export interface LoggerOptions {
  format: "json" | "text";
  level: LogLevel;
  sink: LogSink;
  /** Clock for `ts`; injected so tests are deterministic. */
  now?: () => Date;
}

/**
 * An ISO-8601 clock that formats at most once per millisecond: a busy server writes several lines
 * per millisecond, and `toISOString` was a visible part of each.
 */
function cachedIsoClock(): () => string {
  let lastMs = Number.NaN;
  let lastIso = "";
  return () => {
    const ms = Date.now();
    if (ms !== lastMs) {
      lastMs = ms;
      lastIso = new Date(ms).toISOString();
    }
    return lastIso;
  };
}

/** Creates a logger writing to `sink`, dropping lines below `level`. */
export function createLogger(options: LoggerOptions): Logger {
  const minRank = LEVEL_RANK[options.level];
  const injected = options.now;
  const timestamp = injected ? () => injected().toISOString() : cachedIsoClock();
  const json = options.format === "json";
  const { sink } = options;
  const write = (level: LogLevel) => {
    const rank = LEVEL_RANK[level];
    return (fields: LogFields) => {
      if (rank < minRank) return;
      sink(json ? jsonLogLine(timestamp(), level, fields) : formatText({ ts: timestamp(), level, ...fields }));
    };
  };
  return { debug: write("debug"), info: write("info"), warn: write("warn"), error: write("error") };
}

const BARE_VALUE = /^[A-Za-z0-9._:/@+\-[\]=]*$/;

function formatText(fields: LogFields): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    const text = value === null ? "null" : String(value);
    parts.push(`${key}=${text !== "" && BARE_VALUE.test(text) ? text : JSON.stringify(text)}`);
  }
  return parts.join(" ");
}
