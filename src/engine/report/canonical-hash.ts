/**
 * SHA-256 of canonical JSON without building the JSON string: values are serialised straight
 * into a small UTF-8 buffer that is hashed whenever it fills. Byte for byte the same stream as
 * `utf8Encode(canonicalJson(value))`, at a fraction of the memory (a 40 MB result never exists
 * as one string or one byte array).
 */
import type { CreateHasher, Hasher } from "../util/hasher.ts";
import { createSha256Hasher } from "../util/hasher.ts";
import { utf8Encode } from "../util/sha256.ts";

const BUFFER_BYTES = 64 * 1024;
const QUOTE = 34;
const COMMA = 44;
const COLON = 58;

/** Sorted keys of one object shape, with each key's `"key":` bytes. */
interface Shape {
  keys: string[];
  sorted: string[];
  prefixes: Uint8Array[];
}

/**
 * Streams canonical JSON (see `canonicalJson`) into a SHA-256. Use `value` for any value and
 * `arraySteps` to write a large array while yielding every `every` items, so a caller can pause
 * between slices; then `digestHex` once. The hasher is handed this object's buffer, which is
 * reused after `update` returns.
 */
export class CanonicalJsonHasher {
  private readonly hash: Hasher;
  private readonly buf = new Uint8Array(BUFFER_BYTES);
  private n = 0;
  /** One cached shape per nesting depth: arrays of same-shaped records hit it every time. */
  private readonly shapes: (Shape | undefined)[] = [];
  private depth = 0;

  /** `createHasher` picks the SHA-256 implementation (default: the engine's own). */
  constructor(createHasher: CreateHasher = createSha256Hasher) {
    this.hash = createHasher();
  }

  /** Writes the canonical JSON of `value`; throws `TypeError` where `canonicalJson` does. */
  value(value: unknown): void {
    if (value === null) return this.ascii("null");
    switch (typeof value) {
      case "string":
        return this.string(value);
      case "boolean":
        return this.ascii(value ? "true" : "false");
      case "number":
        if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: non-finite number ${value}`);
        return this.ascii(String(value));
      case "object":
        return Array.isArray(value) ? this.array(value) : this.object(value as Record<string, unknown>);
      default:
        throw new TypeError(`canonicalJson: cannot serialise ${typeof value}`);
    }
  }

  /** Writes `items` as a JSON array like `value` does, yielding after every `every` items. */
  *arraySteps(items: readonly unknown[], every: number): Generator<void, void> {
    this.byte(91);
    for (let i = 0; i < items.length; i++) {
      if (i > 0) this.byte(COMMA);
      const item = items[i];
      if (item === undefined) this.ascii("null");
      else this.value(item);
      if ((i + 1) % every === 0) yield;
    }
    this.byte(93);
  }

  /**
   * Writes an object like `value` does, but its array properties through `arraySteps`, so a
   * large result body is hashed in slices.
   */
  *objectSteps(obj: Record<string, unknown>, every: number): Generator<void, void> {
    const shape = this.shapeOf(obj);
    this.depth++;
    this.byte(123);
    let first = true;
    for (let k = 0; k < shape.sorted.length; k++) {
      const v = obj[shape.sorted[k]];
      if (v === undefined) continue;
      if (!first) this.byte(COMMA);
      first = false;
      this.bytes(shape.prefixes[k]);
      if (Array.isArray(v)) yield* this.arraySteps(v, every);
      else this.value(v);
      yield;
    }
    this.byte(125);
    this.depth--;
  }

  /** Hashes what is buffered and returns the SHA-256 hex of everything written. */
  digestHex(): string {
    this.flush();
    return this.hash.digestHex();
  }

  private array(items: readonly unknown[]): void {
    this.byte(91);
    for (let i = 0; i < items.length; i++) {
      if (i > 0) this.byte(COMMA);
      const item = items[i];
      if (item === undefined) this.ascii("null");
      else this.value(item);
    }
    this.byte(93);
  }

  private object(obj: Record<string, unknown>): void {
    const shape = this.shapeOf(obj);
    this.depth++;
    this.byte(123);
    let first = true;
    for (let k = 0; k < shape.sorted.length; k++) {
      const v = obj[shape.sorted[k]];
      if (v === undefined) continue;
      if (!first) this.byte(COMMA);
      first = false;
      this.bytes(shape.prefixes[k]);
      this.value(v);
    }
    this.byte(125);
    this.depth--;
  }

  private shapeOf(obj: Record<string, unknown>): Shape {
    const keys = Object.keys(obj);
    const cached = this.shapes[this.depth];
    if (cached !== undefined && sameKeys(cached.keys, keys)) return cached;
    const sorted = [...keys].sort();
    const shape = { keys, sorted, prefixes: sorted.map((key) => utf8Encode(`${JSON.stringify(key)}:`)) };
    this.shapes[this.depth] = shape;
    return shape;
  }

  private string(s: string): void {
    const len = s.length;
    if (len + 2 > BUFFER_BYTES - this.n) this.flush();
    if (len + 2 <= BUFFER_BYTES) {
      const buf = this.buf;
      let n = this.n;
      buf[n++] = QUOTE;
      let plain = true;
      for (let i = 0; i < len; i++) {
        const c = s.charCodeAt(i);
        // Control characters, quote, backslash and non-ASCII take JSON.stringify's path.
        if (c < 0x20 || c > 0x7e || c === QUOTE || c === 92) {
          plain = false;
          break;
        }
        buf[n++] = c;
      }
      if (plain) {
        buf[n++] = QUOTE;
        this.n = n;
        return;
      }
    }
    this.text(JSON.stringify(s));
  }

  /** Writes a string known to be ASCII. */
  private ascii(s: string): void {
    const len = s.length;
    if (len > BUFFER_BYTES - this.n) {
      this.flush();
      if (len > BUFFER_BYTES) return this.text(s);
    }
    const buf = this.buf;
    let n = this.n;
    for (let i = 0; i < len; i++) buf[n++] = s.charCodeAt(i);
    this.n = n;
  }

  /** Writes any well-formed or ill-formed string as UTF-8 (lone surrogates as U+FFFD). */
  private text(s: string): void {
    this.bytes(utf8Encode(s));
  }

  private byte(b: number): void {
    if (this.n === BUFFER_BYTES) this.flush();
    this.buf[this.n++] = b;
  }

  private bytes(b: Uint8Array): void {
    if (b.length > BUFFER_BYTES - this.n) {
      this.flush();
      if (b.length > BUFFER_BYTES) {
        this.hash.update(b);
        return;
      }
    }
    this.buf.set(b, this.n);
    this.n += b.length;
  }

  private flush(): void {
    if (this.n === 0) return;
    this.hash.update(this.buf.subarray(0, this.n));
    this.n = 0;
  }
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
