/** The engine's hashing seam: the default hasher, little-endian float framing, UTF-8 strings. */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Hasher } from "../../../src/engine/util/hasher.ts";
import { createSha256Hasher, updateFloat64LE, updateUtf8 } from "../../../src/engine/util/hasher.ts";

/** A hasher that records the bytes it is fed (copied: callers may reuse their buffers). */
function recorder(): Hasher & { bytes: number[] } {
  const bytes: number[] = [];
  return { bytes, update: (b) => void bytes.push(...b), digestHex: () => "" };
}

describe("createSha256Hasher", () => {
  it("is SHA-256 (FIPS 180-4 'abc' vector) and makes a fresh hasher per call", () => {
    const first = createSha256Hasher();
    const second = createSha256Hasher();
    first.update(Uint8Array.from([97, 98, 99]));
    expect(first.digestHex()).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(second.digestHex()).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  });
});

describe("updateFloat64LE", () => {
  it("feeds each double as its 8 little-endian IEEE-754 bytes", () => {
    const rec = recorder();
    updateFloat64LE(rec, Float64Array.from([1, -0.5]));
    expect(rec.bytes).toEqual([0, 0, 0, 0, 0, 0, 0xf0, 0x3f, 0, 0, 0, 0, 0, 0, 0xe0, 0xbf]);
  });

  it("reads only the view's own range of a shared buffer", () => {
    const whole = Float64Array.from([1, 2, 3, 4]);
    const rec = recorder();
    updateFloat64LE(rec, whole.subarray(1, 3));
    const expected = new Uint8Array(16);
    new DataView(expected.buffer).setFloat64(0, 2, true);
    new DataView(expected.buffer).setFloat64(8, 3, true);
    expect(rec.bytes).toEqual([...expected]);
  });

  it("gives the digest node:crypto gives for the same bytes", () => {
    const values = Float64Array.from({ length: 1001 }, (_, i) => Math.sin(i) * 1e6);
    const hasher = createSha256Hasher();
    updateFloat64LE(hasher, values);
    const bytes = new Uint8Array(values.length * 8);
    values.forEach((v, i) => new DataView(bytes.buffer).setFloat64(i * 8, v, true));
    expect(hasher.digestHex()).toBe(createHash("sha256").update(bytes).digest("hex"));
  });
});

describe("updateUtf8", () => {
  it("feeds UTF-8, lone surrogates as U+FFFD", () => {
    const rec = recorder();
    updateUtf8(rec, "a€\ud800");
    expect(rec.bytes).toEqual([0x61, 0xe2, 0x82, 0xac, 0xef, 0xbf, 0xbd]);
  });
});
