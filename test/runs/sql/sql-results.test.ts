import { describe, expect, it } from "vitest";
import { SUMMARY_PART_CHARS, splitText } from "../../../src/runs/sql/sql-results.ts";

describe("splitText", () => {
  it("splits into parts of at most `size` code units that join back to the text", () => {
    expect(splitText("abcdefg", 3)).toEqual(["abc", "def", "g"]);
    expect(splitText("abcdef", 3)).toEqual(["abc", "def"]);
    expect(splitText("", 3)).toEqual([""]);
  });

  it("never separates the halves of a surrogate pair", () => {
    expect(splitText("ab😀cd", 3)).toEqual(["ab", "😀c", "d"]);
    expect(splitText("😀😀x", 2)).toEqual(["😀", "😀", "x"]);
    expect(() => splitText("😀", 1)).toThrow(new RangeError("Part size must be an integer of at least 2, got 1"));
  });

  it("keeps every part of a summary within 512 KiB of UTF-8", () => {
    const text = "€".repeat(SUMMARY_PART_CHARS * 2 + 5);
    const parts = splitText(text, SUMMARY_PART_CHARS);
    expect(parts.map((p) => p.length)).toEqual([SUMMARY_PART_CHARS, SUMMARY_PART_CHARS, 5]);
    expect(Math.max(...parts.map((p) => new TextEncoder().encode(p).length))).toBe(384 * 1024);
  });
});
