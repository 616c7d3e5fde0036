/**
 * The engine's hashing seam: fingerprints and content hashes go through an incremental
 * {@link Hasher} made by a {@link CreateHasher}. The default is the pure-TypeScript SHA-256, so
 * the engine runs on any host; a host with native hashing (Node's and Deno's `node:crypto`)
 * injects its own through `RunBacktestOptions.createHasher`. Every hasher must produce SHA-256.
 */
import { Sha256, utf8Encode } from "./sha256.ts";

/** An incremental SHA-256: `update` any number of times, then `digestHex()` once. */
export interface Hasher {
  /** Feeds raw bytes. The hasher must not keep `bytes` after returning (callers reuse buffers). */
  update(bytes: Uint8Array): void;
  /** Finishes the hash: 64 lower-case hex characters. */
  digestHex(): string;
}

/** Makes a fresh hasher. */
export type CreateHasher = () => Hasher;

/** The default: the engine's own SHA-256 (`util/sha256.ts`). */
export const createSha256Hasher: CreateHasher = () => new Sha256();

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Doubles staged per `update` on big-endian hosts. */
const FLOAT_CHUNK = 512;

/**
 * Feeds every value of `values` as its 8 little-endian IEEE-754 bytes, whatever the host's
 * endianness: a byte view of the array itself on little-endian hosts, staged copies otherwise.
 */
export function updateFloat64LE(hasher: Hasher, values: Float64Array): void {
  if (LITTLE_ENDIAN) {
    hasher.update(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
    return;
  }
  const view = new DataView(new ArrayBuffer(FLOAT_CHUNK * 8));
  const bytes = new Uint8Array(view.buffer);
  for (let start = 0; start < values.length; start += FLOAT_CHUNK) {
    const end = Math.min(values.length, start + FLOAT_CHUNK);
    for (let j = start; j < end; j++) view.setFloat64((j - start) * 8, values[j], true);
    hasher.update(bytes.subarray(0, (end - start) * 8));
  }
}

/** Feeds `text` as UTF-8 (lone surrogates become U+FFFD, as `TextEncoder` does). */
export function updateUtf8(hasher: Hasher, text: string): void {
  hasher.update(utf8Encode(text));
}
