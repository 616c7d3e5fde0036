/**
 * A minimal RFC 4180 record reader: comma-separated fields, `"`-quoted fields with `""`
 * escapes and embedded commas or line breaks, LF / CRLF / CR line endings, a leading BOM.
 */

/** One record and the 1-based line on which it starts. */
export interface CsvRecord {
  fields: string[];
  line: number;
  /** True when the record is a single empty, unquoted field (a blank line). */
  blank: boolean;
}

/** Thrown for malformed quoting; carries the line where the quoted field started. */
export class CsvSyntaxError extends Error {
  readonly line: number;
  constructor(line: number, message: string) {
    super(message);
    this.name = "CsvSyntaxError";
    this.line = line;
  }
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/** Reads records one at a time from CSV text. */
export class CsvReader {
  private pos: number;
  private line = 1;

  /** Reader over `text`; a leading U+FEFF byte-order mark is skipped. */
  constructor(private readonly text: string) {
    this.pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  }

  /** The next record, or `null` at the end of the text. */
  next(): CsvRecord | null {
    const text = this.text;
    if (this.pos >= text.length) return null;
    const start = this.line;
    const fields: string[] = [];
    let quotedAny = false;
    for (;;) {
      let value: string;
      if (text.charCodeAt(this.pos) === QUOTE) {
        quotedAny = true;
        value = this.readQuoted();
      } else {
        let end = this.pos;
        while (end < text.length) {
          const c = text.charCodeAt(end);
          if (c === COMMA || c === LF || c === CR) break;
          end++;
        }
        value = text.slice(this.pos, end);
        this.pos = end;
      }
      fields.push(value);
      const c = text.charCodeAt(this.pos);
      if (c === COMMA) {
        this.pos++;
        continue;
      }
      if (c === CR || c === LF) {
        this.pos += c === CR && text.charCodeAt(this.pos + 1) === LF ? 2 : 1;
        this.line++;
      }
      break;
    }
    return { fields, line: start, blank: !quotedAny && fields.length === 1 && fields[0].trim() === "" };
  }

  private readQuoted(): string {
    const text = this.text;
    const startLine = this.line;
    let out = "";
    let i = this.pos + 1;
    for (;;) {
      const close = text.indexOf('"', i);
      if (close < 0) throw new CsvSyntaxError(startLine, "unterminated quoted field");
      out += text.slice(i, close);
      for (let k = i; k < close; k++) {
        const c = text.charCodeAt(k);
        if (c === LF || (c === CR && text.charCodeAt(k + 1) !== LF)) this.line++;
      }
      if (text.charCodeAt(close + 1) === QUOTE) {
        out += '"';
        i = close + 2;
        continue;
      }
      i = close + 1;
      break;
    }
    // Text between the closing quote and the next delimiter is kept, as lenient readers do.
    let end = i;
    while (end < text.length) {
      const c = text.charCodeAt(end);
      if (c === COMMA || c === LF || c === CR) break;
      end++;
    }
    this.pos = end;
    return out + text.slice(i, end);
  }
}
