import { describe, expect, it } from "vitest";
import { splitWindows } from "../../../src/engine/index.ts";
import { BASE_BACKTEST, request } from "./fixtures.ts";

const day = (d: string) => `${d}T00:00:00.000Z`;

describe("splitWindows", () => {
  it("holds out the last validation_fraction of the range, snapped to whole days", () => {
    expect(splitWindows(request())).toEqual([
      { train: { start_date: day("2020-01-01"), end_date: day("2021-05-26") }, validation: { start_date: day("2021-05-26"), end_date: day("2022-01-01") } },
    ]);
  });

  it("cuts walk-forward windows at the end of the range, each trained on everything before it", () => {
    expect(splitWindows(request({ validation_mode: "walk_forward", walk_forward_windows: 3 }))).toEqual([
      { train: { start_date: day("2020-01-01"), end_date: day("2021-05-26") }, validation: { start_date: day("2021-05-26"), end_date: day("2021-08-07") } },
      { train: { start_date: day("2020-01-01"), end_date: day("2021-08-07") }, validation: { start_date: day("2021-08-07"), end_date: day("2021-10-19") } },
      { train: { start_date: day("2020-01-01"), end_date: day("2021-10-19") }, validation: { start_date: day("2021-10-19"), end_date: day("2022-01-01") } },
    ]);
  });

  it("ignores walk_forward_windows in holdout mode and snaps to hours on hourly bars", () => {
    const r = request({
      walk_forward_windows: 5, validation_fraction: 0.25,
      base_backtest: { ...BASE_BACKTEST, resolution: "hour", start_date: "2021-01-04T00:00:00Z", end_date: "2021-01-05T02:00:00Z" },
    });
    // 26 hours: the split falls at 19.5 h, snapped down to 19:00.
    expect(splitWindows(r)).toEqual([
      { train: { start_date: "2021-01-04T00:00:00.000Z", end_date: "2021-01-04T19:00:00.000Z" }, validation: { start_date: "2021-01-04T19:00:00.000Z", end_date: "2021-01-05T02:00:00.000Z" } },
    ]);
  });
});
