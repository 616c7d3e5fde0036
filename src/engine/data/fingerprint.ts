/**
 * Content fingerprint of the bars a run used, reported in the manifest (engine spec §5).
 */
import type { BarSeries } from "../types.ts";
import { Sha256 } from "../util/sha256.ts";

/** Version tag hashed first, so a future change of the layout changes every fingerprint. */
export const FINGERPRINT_VERSION = "glowback-bars-v1";

/**
 * SHA-256 (lower-case hex) over every series: symbol, resolution, bar count, then the
 * timestamp, open, high, low, close and volume columns as little-endian doubles. Series are
 * taken in code-unit order of symbol (then resolution), so the input's order does not matter;
 * the framing makes the hash unambiguous (no two different inputs share a byte stream).
 */
export function fingerprintSeries(series: readonly BarSeries[]): string {
  const steps = fingerprintSteps(series);
  let step = steps.next();
  while (!step.done) step = steps.next();
  return step.value;
}

/** {@link fingerprintSeries} in steps: yields after each series, returns the hash. */
export function* fingerprintSteps(series: readonly BarSeries[]): Generator<void, string> {
  const sorted = [...series].sort((a, b) =>
    a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : a.resolution < b.resolution ? -1 : a.resolution > b.resolution ? 1 : 0,
  );
  const hash = new Sha256().updateString(`${FINGERPRINT_VERSION}\n${sorted.length}\n`);
  for (const s of sorted) {
    hash.updateString(`${JSON.stringify(s.symbol)}\n${s.resolution}\n${s.timestamps.length}\n`);
    hash.updateFloat64Array(s.timestamps);
    hash.updateFloat64Array(s.open);
    hash.updateFloat64Array(s.high);
    hash.updateFloat64Array(s.low);
    hash.updateFloat64Array(s.close);
    hash.updateFloat64Array(s.volume);
    yield;
  }
  return hash.digestHex();
}
