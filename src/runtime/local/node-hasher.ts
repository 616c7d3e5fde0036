/**
 * The engine's `CreateHasher` over `node:crypto` (Node and Deno): native SHA-256 is roughly ten
 * times faster than the engine's pure-TypeScript default and gives the same hex digests.
 */
import { createHash } from "node:crypto";
import type { CreateHasher } from "../../engine/index.ts";

/** A fresh `node:crypto` SHA-256 behind the engine's `Hasher` interface. */
export const createNodeHasher: CreateHasher = () => {
  const hash = createHash("sha256");
  return {
    // `update` consumes the bytes before returning, so callers may reuse their buffer.
    update: (bytes) => void hash.update(bytes),
    digestHex: () => hash.digest("hex"),
  };
};
