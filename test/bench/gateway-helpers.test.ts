import { describe, expect, it } from "vitest";
import { BenchOptionsError, parseBenchOptions } from "../../bench/gateway/options.ts";
import { parseStatTicks } from "../../bench/gateway/proc-cpu.ts";
import { markdownTable, textTable, verdict } from "../../bench/gateway/report.ts";
import { countUnexpected, median, summarise, type RoundResult } from "../../bench/gateway/summary.ts";
import { roundOrder } from "../../bench/gateway/targets.ts";

const round = (n: number, rps: number, requests: number, cpuMicros: number, statuses: Record<string, number> = { "200": requests }): RoundResult => ({
  round: n,
  cpuMicros,
  sample: { requests, rps, p50Ms: n + 1, p99Ms: 10 * (n + 1), statuses, errors: 0 },
});

describe("parseStatTicks", () => {
  it("adds utime and stime, counting fields after the last parenthesis", () => {
    const stat = "4242 (node (tsx) x) S 1 4242 4242 0 -1 4194560 100 0 0 0 731 95 0 0 20 0 11 0 1234 0 0";
    expect(parseStatTicks(stat)).toBe(826);
  });

  it("rejects text that is not a stat line", () => {
    expect(() => parseStatTicks("no parenthesis here")).toThrow("unrecognised /proc stat line");
  });
});

describe("median", () => {
  it("takes the middle value, or the mean of the middle two", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
});

describe("summarise", () => {
  const bare = [round(0, 1000, 1000, 10_000), round(1, 2000, 2000, 30_000), round(2, 1500, 1500, 15_000)];

  it("pairs each round with the baseline's round of the same index", () => {
    const full = [round(0, 500, 500, 50_000), round(1, 600, 600, 60_000), round(2, 900, 900, 45_000)];
    const row = summarise("full", full, bare, [200]);
    // ratios 0.5, 0.3, 0.6 → median 0.5; CPU per request 100, 100, 50 → 100.
    expect(row).toEqual({ label: "full", medianRps: 600, p50Ms: 2, p99Ms: 20, cpuMicrosPerRequest: 100, ratio: 0.5, unexpected: 0, errors: 0 });
  });

  it("counts responses with unexpected statuses", () => {
    const full = [round(0, 500, 500, 1, { "404": 498, "401": 2 }), round(1, 500, 500, 1, { "404": 497, "500": 3 })];
    expect(summarise("auth", full, bare, [404]).unexpected).toBe(5);
    expect(countUnexpected({ "200": 7, "503": 1 }, [200])).toBe(1);
  });

  it("gives the baseline a ratio of exactly 1", () => {
    expect(summarise("bare", bare, bare, [200]).ratio).toBe(1);
  });
});

describe("report", () => {
  const rows = [
    { label: "bare", medianRps: 40_000.4, p50Ms: 1, p99Ms: 4, cpuMicrosPerRequest: 11.4, ratio: 1, unexpected: 0, errors: 0 },
    { label: "full", medianRps: 9_000.6, p50Ms: 5, p99Ms: 18, cpuMicrosPerRequest: 74.5, ratio: 0.225, unexpected: 0, errors: 0 },
  ];

  it("renders a Markdown table with right-aligned numbers", () => {
    expect(markdownTable(rows)).toBe(
      [
        "| target | median req/s | p50 ms | p99 ms | server CPU µs/req | × bare |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
        "| bare | 40000 | 1 | 4 | 11 | 1.00× |",
        "| full | 9001 | 5 | 18 | 75 | 0.23× |",
      ].join("\n"),
    );
  });

  it("pads the text table to the widest cell", () => {
    const lines = textTable(rows).split("\n");
    expect(lines[0]).toBe("target  median req/s  p50 ms  p99 ms  server CPU µs/req  × bare");
    expect(lines[3]).toBe("full            9001       5      18                 75   0.23×");
  });

  it("states whether the target ratio is met", () => {
    expect(verdict(rows[1], 0.6)).toBe("full: 0.23× bare (target ≥ 0.6×): NOT MET");
    expect(verdict({ ...rows[1], ratio: 0.6 }, 0.6)).toBe("full: 0.60× bare (target ≥ 0.6×): MET");
  });
});

describe("roundOrder", () => {
  it("rotates the targets by the round number", () => {
    expect(roundOrder(["a", "b", "c"], 0)).toEqual(["a", "b", "c"]);
    expect(roundOrder(["a", "b", "c"], 4)).toEqual(["b", "c", "a"]);
  });
});

describe("parseBenchOptions", () => {
  it("derives a bounded default run from the budget", () => {
    expect(parseBenchOptions([], {})).toEqual({
      rounds: 5, durationSec: 1.2, warmupSec: 0.8, connections: 50, warnVariant: true, logFile: null, cpuProfDir: null, target: 0.6,
    });
  });

  it("has a quick mode without the warn variant", () => {
    const quick = parseBenchOptions(["--quick"], {});
    expect([quick.rounds, quick.durationSec, quick.warmupSec, quick.warnVariant]).toEqual([2, 1, 0.5, false]);
  });

  it("takes flags over environment variables", () => {
    const options = parseBenchOptions(["--rounds=3", "--duration", "2"], { GATEWAY_BENCH_ROUNDS: "7", GATEWAY_BENCH_CONNECTIONS: "10" });
    expect([options.rounds, options.durationSec, options.connections]).toEqual([3, 2, 10]);
  });

  it("rejects unknown flags and out-of-range values", () => {
    expect(() => parseBenchOptions(["--fast"], {})).toThrow(new BenchOptionsError("unknown flag --fast"));
    expect(() => parseBenchOptions(["--rounds", "0"], {})).toThrow('rounds must be a number between 1 and 20 (got "0")');
    expect(() => parseBenchOptions(["--duration"], {})).toThrow("--duration needs a value");
  });
});
