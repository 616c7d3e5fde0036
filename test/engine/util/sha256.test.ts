import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Sha256, sha256Hex, utf8Encode } from "../../../src/engine/util/sha256.ts";

const ascii = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));

describe("sha256Hex (FIPS 180-4 vectors)", () => {
  it("hashes the empty message", () => {
    expect(sha256Hex(new Uint8Array(0))).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  });
  it("hashes abc", () => {
    expect(sha256Hex(ascii("abc"))).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
  it("hashes the 448-bit message", () => {
    const msg = ascii("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq");
    expect(sha256Hex(msg)).toBe("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  });
  it("hashes the 896-bit message", () => {
    const msg = ascii(
      "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
    );
    expect(sha256Hex(msg)).toBe("cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
  });
  it("hashes one million 'a' fed in uneven chunks", () => {
    const hash = new Sha256();
    const chunk = new Uint8Array(999).fill(97);
    let left = 1_000_000;
    while (left > 0) {
      const n = Math.min(left, chunk.length);
      hash.update(chunk.subarray(0, n));
      left -= n;
    }
    expect(hash.digestHex()).toBe("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  });
});

describe("Sha256", () => {
  it("matches node:crypto for any bytes split at any point", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(), (bytes, cut) => {
        const at = bytes.length === 0 ? 0 : cut % (bytes.length + 1);
        const ours = new Sha256().update(bytes.subarray(0, at)).update(bytes.subarray(at)).digestHex();
        expect(ours).toBe(createHash("sha256").update(bytes).digest("hex"));
      }),
    );
  });

  it("hashes doubles as little-endian IEEE bytes", () => {
    const values = Float64Array.from([1, -0.5, Math.PI, 1e300, ...Array.from({ length: 700 }, (_, i) => i / 7)]);
    const bytes = new Uint8Array(values.length * 8);
    const view = new DataView(bytes.buffer);
    values.forEach((v, i) => view.setFloat64(i * 8, v, true));
    expect(new Sha256().updateFloat64Array(values).digestHex()).toBe(createHash("sha256").update(bytes).digest("hex"));
  });

  it("encodes strings as UTF-8, including astral characters and lone surrogates", () => {
    for (const text of ["", "héllo", "€ 10", "𝄞 clef", "a\ud800b"]) {
      expect(Array.from(utf8Encode(text))).toEqual(Array.from(Buffer.from(text, "utf8")));
      expect(new Sha256().updateString(text).digestHex()).toBe(createHash("sha256").update(text, "utf8").digest("hex"));
    }
  });

  it("refuses to be used after digest", () => {
    const hash = new Sha256();
    hash.digestHex();
    expect(() => hash.update(new Uint8Array(1))).toThrow(/after digest/);
    expect(() => hash.digestHex()).toThrow(/twice/);
  });
});
