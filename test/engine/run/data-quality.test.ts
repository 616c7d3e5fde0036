import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createInMemoryProvider, parseCsvSeries } from "../../../src/engine/data/index.ts";
import { normalizeBacktestRequest } from "../../../src/engine/request/normalize-request.ts";
import { runBacktest } from "../../../src/engine/run/stream-backtest.ts";
import type { BacktestRunEvent } from "../../../src/engine/run/run-types.ts";
import { EngineValidationError } from "../../../src/engine/types.ts";

const CSV = fileURLToPath(new URL("../../fixtures/csv/", import.meta.url));
const load = (symbol: string, dir = "") => parseCsvSeries(readFileSync(`${CSV}${dir}${symbol}_1d.csv`, "utf8"), { symbol, resolution: "day", fileName: `${symbol}_1d.csv` });
const provider = () => createInMemoryProvider("csv", new Map([["AAA", load("AAA")], ["DUP", load("DUP", "defects/")]]));
const request = (mode: "warn" | "fail") =>
  normalizeBacktestRequest({ symbols: ["AAA", "DUP"], start_date: "2023-01-01", end_date: "2023-09-01", data_quality_mode: mode, data_source: "csv", csv_data_path: "x" }, { runtime: "node", csvAllowed: true });

describe("data quality modes", () => {
  it("fail rejects the run before simulating, naming the symbol", async () => {
    const events: BacktestRunEvent[] = [];
    const error = await runBacktest({ runId: "q", request: request("fail"), provider: provider(), onEvent: (e) => events.push(e) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EngineValidationError);
    const issues = (error as EngineValidationError).issues;
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ loc: ["data_quality_mode"], type: "data_quality" });
    expect(issues[0].msg).toContain("DUP");
    expect(events.some((e) => e.type === "metric")).toBe(false);
  });

  it("warn runs, logs each issue as a warning and counts it in the metrics", async () => {
    const events: BacktestRunEvent[] = [];
    const result = await runBacktest({ runId: "q", request: request("warn"), provider: provider(), onEvent: (e) => events.push(e) });
    const warnings = events.filter((e) => e.type === "log" && e.level === "warn");
    expect(warnings.length).toBeGreaterThan(0);
    expect(warnings.every((e) => e.type === "log" && e.message.startsWith("DUP: "))).toBe(true);
    expect(result.metrics_summary.duplicate_timestamps).toBe(2); // 2023-01-06 and 2023-01-17 appear twice
    expect(result.metrics_summary.data_quality_issues).toBeGreaterThan(0);
    expect(result.manifest.dataset.validation.find((q) => q.symbol === "DUP")?.has_critical_issues).toBe(true);
  });
});
