/**
 * Content fingerprint of the bars a run used, reported in the manifest (engine spec §5).
 */
import type { BarSeries } from "../types.ts";
import type { CreateHasher } from "../util/hasher.ts";
import { createSha256Hasher, updateFloat64LE, updateUtf8 } from "../util/hasher.ts";

/** Version tag hashed first, so a future change of the layout changes every fingerprint. */
export const FINGERPRINT_VERSION = "glowback-bars-v1";

/**
 * SHA-256 (lower-case hex) over every series: symbol, resolution, bar count, then the
 * timestamp, open, high, low, close and volume columns as little-endian doubles. Series are
 * taken in code-unit order of symbol (then resolution), so the input's order does not matter;
 * the framing makes the hash unambiguous (no two different inputs share a byte stream).
 * `createHasher` picks the SHA-256 implementation (default: the engine's own); the hex is the same.
 */
export function fingerprintSeries(series: readonly BarSeries[], createHasher: CreateHasher = createSha256Hasher): string {
  const steps = fingerprintSteps(series, createHasher);
  let step = steps.next();
  while (!step.done) step = steps.next();
  return step.value;
}

/** {@link fingerprintSeries} in steps: yields after each series, returns the hash. */
export function* fingerprintSteps(series: readonly BarSeries[], createHasher: CreateHasher = createSha256Hasher): Generator<void, string> {
  const sorted = [...series].sort((a, b) =>
    a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : a.resolution < b.resolution ? -1 : a.resolution > b.resolution ? 1 : 0,
  );
  const hash = createHasher();
  updateUtf8(hash, `${FINGERPRINT_VERSION}\n${sorted.length}\n`);
  for (const s of sorted) {
    updateUtf8(hash, `${JSON.stringify(s.symbol)}\n${s.resolution}\n${s.timestamps.length}\n`);
    for (const column of [s.timestamps, s.open, s.high, s.low, s.close, s.volume]) updateFloat64LE(hash, column);
    yield;
  }
  return hash.digestHex();
}
