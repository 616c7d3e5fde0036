/**
 * Structured logging: one object per line, JSON or `key=value` text, filtered by level.
 * The sink is injected so hosts write to stdout and tests capture lines.
 */
import type { LogLevel } from "../config.ts";

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

/** Creates a logger writing to `sink`, dropping lines below `level`. */
export function createLogger(options: LoggerOptions): Logger {
  const minRank = LEVEL_RANK[options.level];
  const now = options.now ?? (() => new Date());
  const format = options.format === "json" ? formatJson : formatText;
  const write = (level: LogLevel) => (fields: LogFields) => {
    if (LEVEL_RANK[level] < minRank) return;
    options.sink(format({ ts: now().toISOString(), level, ...fields }));
  };
  return { debug: write("debug"), info: write("info"), warn: write("warn"), error: write("error") };
}

function formatJson(fields: LogFields): string {
  // JSON.stringify already omits undefined-valued properties; no cleaned copy needed.
  return JSON.stringify(fields);
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
