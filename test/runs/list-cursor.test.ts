import { describe, expect, it } from "vitest";
import { decodeListCursor, encodeListCursor, isAfterPosition } from "../../src/runs/list-cursor.ts";

describe("list cursor", () => {
  it("is unpadded base64url of created_at|run_id and decodes back", () => {
    const position = { created_at: "2026-03-01T00:00:05.123Z", run_id: "6f1c2a7e-0b7d-4c35-9a4e-3f0f2d1b9c88" };
    const cursor = encodeListCursor(position);
    expect(cursor).toBe(btoa(`${position.created_at}|${position.run_id}`).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, ""));
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeListCursor(cursor)).toEqual(position);
    expect(decodeListCursor(encodeListCursor({ created_at: "2026-03-01T00:00:00Z", run_id: "ä|ö?>>" }))).toEqual({ created_at: "2026-03-01T00:00:00Z", run_id: "ä|ö?>>" });
  });

  it("rejects anything else with a RangeError that names the cursor", () => {
    for (const bad of ["", "a", "=", "a+b/", "Zm9v", encodeListCursor({ created_at: "2026-03-01", run_id: "x" })]) {
      expect(() => decodeListCursor(bad)).toThrow(new RangeError("Invalid cursor: not a cursor returned by a previous page"));
    }
  });

  it("orders positions newest first, then by run_id descending", () => {
    const p = { created_at: "2026-03-01T00:00:05.000Z", run_id: "m" };
    expect(isAfterPosition({ created_at: "2026-03-01T00:00:04.000Z", run_id: "z" }, p)).toBe(true);
    expect(isAfterPosition({ created_at: p.created_at, run_id: "a" }, p)).toBe(true);
    expect(isAfterPosition({ created_at: p.created_at, run_id: "m" }, p)).toBe(false);
    expect(isAfterPosition({ created_at: p.created_at, run_id: "n" }, p)).toBe(false);
    expect(isAfterPosition({ created_at: "2026-03-01T00:00:06.000Z", run_id: "a" }, p)).toBe(false);
  });
});
