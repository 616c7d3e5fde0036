import { describe, expect, it } from "vitest";
import { jsonLogLine } from "../../src/logging/json-line.ts";
import type { LogFields } from "../../src/logging/logger.ts";

const TS = "2026-12-04T10:00:00.000Z";

/** What the logger wrote before the hand-built serialiser: the reference text. */
const reference = (level: string, fields: LogFields) => JSON.stringify({ ts: TS, level, ...fields });

describe("jsonLogLine", () => {
  const cases: Record<string, LogFields> = {
    "an audit line": {
      event: "auth", request_id: "r-1", method: "GET", path: "/v1/backtests/x?api_key=[REDACTED]",
      client_ip: "127.0.0.1", key_status: "present", transport: "http", outcome: "allowed", key_id: "ab12cd34",
    },
    "numbers, booleans and null": { status: 200, duration_ms: 1.25, upgraded: false, ok: true, key_id: null, zero: -0 },
    "non-finite numbers": { a: Number.NaN, b: Number.POSITIVE_INFINITY, c: Number.NEGATIVE_INFINITY },
    "undefined fields are omitted": { a: undefined, b: "kept", c: undefined },
    "strings that need escaping": {
      quote: 'say "hi"', backslash: "C:\\path", newline: "a\nb\r\t", control: "\u0000\u001f", lone: "\ud800x", pair: "😀",
    },
    "keys that need escaping": { 'we"ird': 1, "back\\slash": 2, "new\nline": 3 },
    "fields named ts and level": { ts: "caller", level: "custom", other: 1 },
    "no fields": {},
  };
  for (const [name, fields] of Object.entries(cases)) {
    it(`matches JSON.stringify for ${name}`, () => {
      for (const level of ["debug", "info", "warn", "error"]) {
        const line = jsonLogLine(TS, level, fields);
        expect(line).toBe(reference(level, fields));
        expect(() => JSON.parse(line)).not.toThrow();
      }
    });
  }
});
