import { describe, expect, it } from "vitest";
import { csvFileName, resolveCsvDirectory } from "../../../src/engine/data/csv-path.ts";

describe("csvFileName", () => {
  it("names files by symbol and resolution", () => {
    expect(csvFileName("AAPL", "day")).toBe("AAPL_1d.csv");
    expect(csvFileName("BTC-USD", "hour")).toBe("BTC-USD_1h.csv");
    expect(csvFileName("BRK.B", "minute")).toBe("BRK.B_1m.csv");
    expect(csvFileName("BTC/USD", "day")).toBe("BTC-USD_1d.csv");
  });
});

describe("resolveCsvDirectory", () => {
  it.each([
    ["/data", "", "/data"],
    ["/data", ".", "/data"],
    ["/data", "prices", "/data/prices"],
    ["/data/", "prices/daily/", "/data/prices/daily"],
    ["/data", "./prices//daily", "/data/prices/daily"],
    ["data", "x", "data/x"],
    ["", "x", "./x"],
    ["/", "x", "/x"],
    ["/data", "..foo/bar..", "/data/..foo/bar.."],
  ])("joins %j + %j", (dir, path, expected) => {
    expect(resolveCsvDirectory(dir, path)).toBe(expected);
  });

  it.each(["..", "../etc", "a/../../b", "a/../b", "a/..", "/etc", "//etc", "a\\..\\b", "C:/x", "a\u0000b", "a\nb", "x".repeat(1025)])(
    "rejects %j",
    (path) => {
      expect(resolveCsvDirectory("/data", path)).toBeNull();
    },
  );
});
