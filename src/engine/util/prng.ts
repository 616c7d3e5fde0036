/**
 * Seeded, deterministic randomness for the engine (never `Math.random`): a stateful sfc32
 * generator and a stateless counter-based hash for values that must not depend on call order.
 */

const TWO_POW_32 = 4294967296;

/** 32-bit FNV-1a hash of a string's UTF-16 code units, as an unsigned integer. */
export function fnv1a32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Avalanching 32-bit finaliser (every input bit affects every output bit). */
export function mix32(x: number): number {
  let h = x | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Stateless 32-bit hash of `(seed, counter)` as an unsigned integer: the same pair always gives
 * the same value, whatever else was drawn before. `counter` may be any integer with
 * |counter| < 2^53; `seed` is used as a 32-bit integer.
 */
export function hashToUint32(seed: number, counter: number): number {
  const lo = counter >>> 0;
  const hi = Math.floor(counter / TWO_POW_32) | 0;
  const h = mix32((seed ^ Math.imul(lo, 0x9e3779b1)) + 0x6a09e667);
  return mix32(h ^ Math.imul(hi ^ 0x3c6ef372, 0x27d4eb2f) ^ lo);
}

/** Stateless uniform in [0, 1) for `(seed, counter)` (`hashToUint32 / 2^32`, resolution 2^-32). */
export function hashToUnit(seed: number, counter: number): number {
  return hashToUint32(seed, counter) / TWO_POW_32;
}

/**
 * Stateless standard normal for `(seed, counter)` (Box–Muller over two `hashToUnit` draws at
 * counters `2·counter` and `2·counter + 1`). Finite for every input.
 */
export function hashToNormal(seed: number, counter: number): number {
  const u1 = 1 - hashToUnit(seed, 2 * counter);
  const u2 = hashToUnit(seed, 2 * counter + 1);
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/** Derives an independent 32-bit seed for a named sub-stream of `seed`. */
export function deriveSeed(seed: number, stream: string): number {
  return mix32((seed >>> 0) ^ fnv1a32(stream));
}

/**
 * Small fast generator (sfc32, 128-bit state) seeded from a string or a number. Not
 * cryptographic. Same seed ⇒ same sequence on every host.
 */
export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spare: number | null = null;

  /** Seeds from a string (hashed with FNV-1a) or an integer seed (e.g. a request's `seed`). */
  constructor(seed: string | number) {
    const base = typeof seed === "string" ? fnv1a32(seed) : mix32(seed | 0) ^ mix32(Math.floor(seed / TWO_POW_32));
    this.a = mix32(base + 0x9e3779b9);
    this.b = mix32(base + 0x3c6ef372);
    this.c = mix32(base + 0xdaa66d2b);
    this.d = 1;
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /** Next unsigned 32-bit integer. */
  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform double in [0, 1) with 53 bits of randomness. */
  nextFloat(): number {
    const high = this.nextUint32() >>> 5;
    const low = this.nextUint32() >>> 6;
    return (high * 67108864 + low) / 9007199254740992;
  }

  /** Standard normal draw (Marsaglia polar method; the second value of each pair is cached). */
  nextNormal(): number {
    if (this.spare !== null) {
      const value = this.spare;
      this.spare = null;
      return value;
    }
    let u = 0;
    let v = 0;
    let s = 0;
    do {
      u = 2 * this.nextFloat() - 1;
      v = 2 * this.nextFloat() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const factor = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * factor;
    return u * factor;
  }
}
