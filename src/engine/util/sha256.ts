/**
 * Synchronous SHA-256 (FIPS 180-4) in plain TypeScript, so the engine can fingerprint data
 * without a host `crypto` object. Output is lower-case hex.
 */

const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

const INITIAL_STATE = [
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
];

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Bytes staged per `updateFloat64Array` chunk on big-endian hosts (512 doubles). */
const FLOAT_CHUNK = 4096;

/** Message schedule, shared: `compressBlocks` never re-enters. */
const W = new Int32Array(64);

/**
 * Runs the compression function over the 64-byte blocks of `p[offset, end)` (`end - offset` a
 * multiple of 64), reading straight from the input so no block is copied.
 */
function compressBlocks(state: Int32Array, p: Uint8Array, offset: number, end: number): void {
  const w = W;
  let h0 = state[0], h1 = state[1], h2 = state[2], h3 = state[3], h4 = state[4], h5 = state[5], h6 = state[6], h7 = state[7];
  for (let off = offset; off < end; off += 64) {
    for (let i = 0; i < 16; i++) {
      const j = off + i * 4;
      w[i] = (p[j] << 24) | (p[j + 1] << 16) | (p[j + 2] << 8) | p[j + 3];
    }
    for (let i = 16; i < 64; i++) {
      const x = w[i - 15];
      const y = w[i - 2];
      const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
      const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
      w[i] = (((w[i - 16] + s0) | 0) + ((w[i - 7] + s1) | 0)) | 0;
    }
    let a = h0, b = h1, c = h2, d = h3, e = h4, f = h5, g = h6, h = h7;
    for (let i = 0; i < 64; i++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const ch = (e & f) ^ (~e & g);
      const t1 = (((h + S1) | 0) + ((ch + K[i]) | 0) + w[i]) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (S0 + maj) | 0;
      h = g; g = f; f = e; e = (d + t1) | 0;
      d = c; c = b; b = a; a = (t1 + t2) | 0;
    }
    h0 = (h0 + a) | 0; h1 = (h1 + b) | 0; h2 = (h2 + c) | 0; h3 = (h3 + d) | 0;
    h4 = (h4 + e) | 0; h5 = (h5 + f) | 0; h6 = (h6 + g) | 0; h7 = (h7 + h) | 0;
  }
  state[0] = h0; state[1] = h1; state[2] = h2; state[3] = h3; state[4] = h4; state[5] = h5; state[6] = h6; state[7] = h7;
}

/** Incremental SHA-256 hasher. Call `update*` any number of times, then `digestHex()` once. */
export class Sha256 {
  private readonly state = new Int32Array(INITIAL_STATE);
  private readonly block = new Uint8Array(64);
  private blockLength = 0;
  private totalBytes = 0;
  private scratch: DataView | null = null;
  private finished = false;

  /** Feeds raw bytes. */
  update(bytes: Uint8Array): this {
    if (this.finished) throw new Error("Sha256: update after digest");
    const n = bytes.length;
    this.totalBytes += n;
    let i = 0;
    if (this.blockLength > 0) {
      const take = Math.min(64 - this.blockLength, n);
      this.block.set(take === n ? bytes : bytes.subarray(0, take), this.blockLength);
      this.blockLength += take;
      i = take;
      if (this.blockLength < 64) return this;
      compressBlocks(this.state, this.block, 0, 64);
      this.blockLength = 0;
    }
    const whole = i + ((n - i) & ~63);
    if (whole > i) compressBlocks(this.state, bytes, i, whole);
    if (whole < n) {
      this.block.set(bytes.subarray(whole, n), 0);
      this.blockLength = n - whole;
    }
    return this;
  }

  /** Feeds every value as its 8 little-endian IEEE-754 bytes (independent of host endianness). */
  updateFloat64Array(values: Float64Array): this {
    if (LITTLE_ENDIAN) return this.update(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
    if (this.scratch === null) this.scratch = new DataView(new ArrayBuffer(FLOAT_CHUNK));
    const view = this.scratch;
    const bytes = new Uint8Array(view.buffer);
    const perChunk = FLOAT_CHUNK / 8;
    for (let start = 0; start < values.length; start += perChunk) {
      const end = Math.min(values.length, start + perChunk);
      for (let j = start; j < end; j++) view.setFloat64((j - start) * 8, values[j], true);
      this.update(bytes.subarray(0, (end - start) * 8));
    }
    return this;
  }

  /** Feeds a string as UTF-8 (lone surrogates become U+FFFD, as `TextEncoder` does). */
  updateString(text: string): this {
    return this.update(utf8Encode(text));
  }

  /** Finishes the hash and returns it as 64 lower-case hex characters. */
  digestHex(): string {
    if (this.finished) throw new Error("Sha256: digest called twice");
    const bitsHigh = Math.floor(this.totalBytes / 0x20000000);
    const bitsLow = (this.totalBytes * 8) >>> 0;
    const padLength = this.blockLength < 56 ? 56 - this.blockLength : 120 - this.blockLength;
    const padding = new Uint8Array(padLength + 8);
    padding[0] = 0x80;
    const tail = new DataView(padding.buffer);
    tail.setUint32(padLength, bitsHigh, false);
    tail.setUint32(padLength + 4, bitsLow, false);
    const total = this.totalBytes;
    this.update(padding);
    this.totalBytes = total;
    this.finished = true;
    let hex = "";
    for (let i = 0; i < 8; i++) hex += (this.state[i] >>> 0).toString(16).padStart(8, "0");
    return hex;
  }
}

/** SHA-256 of `bytes` as 64 lower-case hex characters. */
export function sha256Hex(bytes: Uint8Array): string {
  return new Sha256().update(bytes).digestHex();
}

/** UTF-8 encoding without relying on a host `TextEncoder`. */
export function utf8Encode(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 3);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (next - 0xdc00);
        i++;
      }
    }
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
    if (cp < 0x80) out[n++] = cp;
    else if (cp < 0x800) {
      out[n++] = 0xc0 | (cp >> 6);
      out[n++] = 0x80 | (cp & 63);
    } else if (cp < 0x10000) {
      out[n++] = 0xe0 | (cp >> 12);
      out[n++] = 0x80 | ((cp >> 6) & 63);
      out[n++] = 0x80 | (cp & 63);
    } else {
      out[n++] = 0xf0 | (cp >> 18);
      out[n++] = 0x80 | ((cp >> 12) & 63);
      out[n++] = 0x80 | ((cp >> 6) & 63);
      out[n++] = 0x80 | (cp & 63);
    }
  }
  return out.subarray(0, n);
}
