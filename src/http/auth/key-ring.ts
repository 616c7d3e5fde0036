/**
 * The configured API keys as SHA-256 digests, and the constant-time check of a presented key
 * (API spec §2). Keys themselves are never kept: plain entries are hashed at start-up.
 */

/** Result of checking a presented key. */
export type KeyCheck = { valid: true; keyId: string } | { valid: false };

/** A set of accepted key digests. */
export interface KeyRing {
  /** True when no key is configured (development mode). */
  readonly disabled: boolean;
  /**
   * Hashes `presented` once and compares it with every digest, without an early exit.
   * Synchronous when the hash is (Node), saving a promise hop per request.
   */
  check(presented: string): KeyCheck | Promise<KeyCheck>;
}

const DIGEST_ENTRY = /^sha256:([0-9a-fA-F]{64})$/;
const textEncoder = new TextEncoder();

/** Splits `GLOWBACK_API_KEY` into trimmed, non-empty entries. */
export function splitKeyList(raw: string): string[] {
  return raw
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
}

/** True when `entry` starts like a digest entry but is not 64 hex characters. */
export function isMalformedDigestEntry(entry: string): boolean {
  return /^sha256:/i.test(entry) && !DIGEST_ENTRY.test(entry);
}

/**
 * A SHA-256 of the UTF-8 bytes of a string. Hosts with a synchronous implementation (Node's
 * `node:crypto`) pass one: Web Crypto's `digest` is asynchronous and, on Node, a thread-pool
 * round trip per request.
 */
export type Sha256 = (text: string) => Uint8Array | Promise<Uint8Array>;

/** SHA-256 of the UTF-8 bytes of `text`, with Web Crypto (every host has it). */
export async function sha256(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", textEncoder.encode(text)));
}

function hexToBytes(hex: string): Uint8Array {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

/** Lower-case hex of `bytes`. */
export function toHex(bytes: Uint8Array): string {
  let out = "";
  for (const byte of bytes) out += byte.toString(16).padStart(2, "0");
  return out;
}

/** `key_id` of a key: the first 12 hex characters of its SHA-256. */
export function keyIdOf(digest: Uint8Array): string {
  return toHex(digest.subarray(0, 6));
}

/**
 * Builds the key ring from `GLOWBACK_API_KEY` entries (plain keys or `sha256:<hex>` digests);
 * `hash` (default: Web Crypto) hashes configured and presented keys.
 */
export async function createKeyRing(entries: readonly string[], hash: Sha256 = sha256): Promise<KeyRing> {
  const digests: Uint8Array[] = [];
  for (const entry of entries) {
    const match = DIGEST_ENTRY.exec(entry);
    digests.push(match ? hexToBytes(match[1].toLowerCase()) : await hash(entry));
  }
  const compare = (digest: Uint8Array): KeyCheck => {
    let matched = -1;
    for (let i = 0; i < digests.length; i++) {
      const candidate = digests[i];
      let diff = 0;
      for (let b = 0; b < 32; b++) diff |= candidate[b] ^ digest[b];
      if (diff === 0) matched = i;
    }
    return matched >= 0 ? { valid: true, keyId: keyIdOf(digest) } : { valid: false };
  };
  return {
    disabled: digests.length === 0,
    check(presented) {
      const digest = hash(presented);
      return digest instanceof Uint8Array ? compare(digest) : digest.then(compare);
    },
  };
}
