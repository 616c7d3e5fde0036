import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createKeyRing, sha256 } from "../../src/http/auth/key-ring.ts";
import { createLogger } from "../../src/logging/logger.ts";

const nodeSha256 = (text: string): Uint8Array => createHash("sha256").update(text, "utf8").digest();
// SHA-256("k1"), so a digest entry and a plain entry name the same key.
const K1_DIGEST = createHash("sha256").update("k1").digest("hex");

describe("createKeyRing with a synchronous hash", () => {
  it("accepts the same keys and gives the same key_id as Web Crypto", async () => {
    const entries = ["k1", `sha256:${"ab".repeat(32)}`];
    const sync = await createKeyRing(entries, nodeSha256);
    const web = await createKeyRing(entries);
    expect(await sync.check("k1")).toEqual({ valid: true, keyId: K1_DIGEST.slice(0, 12) });
    expect(await web.check("k1")).toEqual({ valid: true, keyId: K1_DIGEST.slice(0, 12) });
    expect(await sync.check("k2")).toEqual({ valid: false });
  });

  it("matches a sha256: entry against the presented key", async () => {
    const ring = await createKeyRing([`sha256:${K1_DIGEST.toUpperCase()}`], nodeSha256);
    expect(await ring.check("k1")).toEqual({ valid: true, keyId: K1_DIGEST.slice(0, 12) });
    expect(await ring.check("k1 ")).toEqual({ valid: false });
  });

  it("agrees with the Web Crypto digest on non-ASCII text", async () => {
    expect(Buffer.from(nodeSha256("ключ-é-🔑")).toString("hex")).toBe(Buffer.from(await sha256("ключ-é-🔑")).toString("hex"));
  });
});

describe("JSON log lines", () => {
  it("omit undefined fields and keep ts and level first", () => {
    const lines: string[] = [];
    const logger = createLogger({ format: "json", level: "info", sink: (l) => lines.push(l), now: () => new Date(Date.UTC(2026, 0, 2)) });
    logger.info({ event: "auth", key_id: undefined, client_ip: null, status: 404 });
    expect(lines).toEqual(['{"ts":"2026-01-02T00:00:00.000Z","level":"info","event":"auth","client_ip":null,"status":404}']);
  });
});
