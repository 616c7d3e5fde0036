/** Request-time validation (API spec §7), listing with cursors and `Link`, and legacy error shapes. */
import { mkdtempSync, copyFileSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createInMemoryDatasetStore } from "../../../src/runs/memory-dataset-store.ts";
import { createInMemoryRunStore } from "../../../src/runs/memory-run-store.ts";
import { RunService } from "../../../src/runs/run-service.ts";
import { createCsvFileSource } from "../../../src/runtime/local/csv-files.ts";
import { VALID_KEY, makeApp } from "../../app/helpers.ts";
import { AUTH, createRun, getJson, sampleBody, waitForState } from "./run-client.ts";

type Detail = { loc: (string | number)[]; msg: string; type: string };
const details = (json: Record<string, unknown>) => (json.error as { details: Detail[] }).details;

describe("422 at request time", () => {
  const h = makeApp();

  it("reports every engine issue with body locations", async () => {
    const { res, json } = await createRun(h, sampleBody({ strategy: { name: "nope" }, initial_capital: 0, end_date: "2021-01-01" }));
    expect(res.status).toBe(422);
    const locs = details(json).map((d) => d.loc);
    expect(locs).toContainEqual(["body", "strategy", "name"]);
    expect(locs).toContainEqual(["body", "initial_capital"]);
    expect(locs).toContainEqual(["body", "end_date"]);
    expect(details(json).find((d) => d.loc[1] === "end_date")?.msg).toBe("end_date must be after start_date");
  });

  it("a mistyped field does not hide the other broken rules: one 422 lists them all", async () => {
    const { res, json } = await createRun(h, { symbols: "AAPL", start_date: 20240101, strategy: { name: "ma_crossover", params: { short_period: 50, long_period: 10 } }, initial_capital: -1 });
    expect(res.status).toBe(422);
    const locs = details(json).map((d) => d.loc.join("."));
    expect(locs).toEqual(expect.arrayContaining(["body.symbols", "body.start_date", "body.end_date", "body.initial_capital"]));
    expect(details(json).find((d) => d.loc.join(".") === "body.end_date")).toMatchObject({ msg: "Field required", type: "missing" });
    expect(locs.some((l) => l.startsWith("body.strategy.params"))).toBe(true);
  });

  it("more than GLOWBACK_MAX_SYMBOLS symbols (default 100) is a 422; a raised limit accepts them", async () => {
    const symbols = Array.from({ length: 101 }, (_, i) => `T${i}`);
    const { res, json } = await createRun(h, sampleBody({ symbols }));
    expect(res.status).toBe(422);
    expect(details(json)).toContainEqual({ loc: ["body", "symbols"], msg: "List should have at most 100 symbols, not 101", type: "too_long" });
    const raised = makeApp({ GLOWBACK_API_KEY: VALID_KEY, GLOWBACK_MAX_SYMBOLS: "500" });
    expect((await createRun(raised, sampleBody({ symbols, end_date: "2022-02-01" }))).res.status).toBe(201);
  });

  it.each(["dataset", "default"])("data_source %s: a symbol without a stored series is a 422 naming it and the other sources", async (source) => {
    const { res, json } = await createRun(h, sampleBody({ data_source: source, symbols: ["ZZZ"], benchmark_symbol: "YYY" }));
    expect(res.status).toBe(422);
    const [symbol, benchmark] = details(json);
    expect(symbol.loc).toEqual(["body", "symbols", 0]);
    expect(symbol.msg).toContain("Unknown symbol ZZZ");
    expect(symbol.msg).toContain(`data source '${source}'`);
    expect(symbol.msg).toContain("POST /v1/datasets/ZZZ?resolution=day");
    expect(symbol.msg).toContain("'sample'");
    expect(benchmark.loc).toEqual(["body", "benchmark_symbol"]);
    expect(benchmark.msg).toContain("YYY");
  });

  it("csv is refused where the host has no data directory", async () => {
    const { res, json } = await createRun(h, sampleBody({ data_source: "csv", csv_data_path: "x" }));
    expect(res.status).toBe(422);
    expect(details(json)[0].loc).toEqual(["body", "data_source"]);
  });

  it("legacy path: 422 as {detail: [...]}", async () => {
    const res = await h.request("/backtests", { method: "POST", headers: AUTH, body: JSON.stringify(sampleBody({ data_source: "dataset", symbols: ["ZZZ"], benchmark_symbol: null })) });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { detail: Detail[] };
    expect(Object.keys(body)).toEqual(["detail"]);
    expect(body.detail[0].loc).toEqual(["body", "symbols", 0]);
  });

  it("a non-JSON body is 415", async () => {
    const res = await h.request("/v1/backtests", { method: "POST", headers: { "X-API-Key": VALID_KEY, "Content-Type": "text/plain" }, body: "x" });
    expect(res.status).toBe(415);
  });
});

describe("csv data source with a data directory", () => {
  const dir = mkdtempSync(join(tmpdir(), "glowback-csv-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, "bars"));
  copyFileSync(new URL("../../fixtures/csv/AAA_1d.csv", import.meta.url), join(dir, "bars", "AAA_1d.csv"));
  const service = new RunService({ store: createInMemoryRunStore(), datasets: createInMemoryDatasetStore(), csvFiles: createCsvFileSource(dir) });
  const h = makeApp(undefined, { service });
  const body = (extra: Record<string, unknown>) => sampleBody({ data_source: "csv", csv_data_path: "bars", symbols: ["AAA"], benchmark_symbol: null, start_date: "2023-01-01", end_date: "2023-08-01", ...extra });

  it("runs from a CSV file below GLOWBACK_DATA_DIR", async () => {
    const { res, json } = await createRun(h, body({}));
    expect(res.status).toBe(201);
    const final = await waitForState(h, String(json.run_id), ["completed", "failed"]);
    expect(final.state).toBe("completed");
    const result = await getJson<{ manifest: { dataset: { source: string; bar_counts: Record<string, number> } } }>(h, `/v1/backtests/${String(json.run_id)}/results`);
    expect(result.json.manifest.dataset.source).toBe("csv");
    expect(result.json.manifest.dataset.bar_counts.AAA).toBeGreaterThan(100);
  });

  it("a missing file is a 422 naming the file; an escaping path is a 422", async () => {
    const missing = await createRun(h, body({ symbols: ["AAA", "BBB"] }));
    expect(missing.res.status).toBe(422);
    expect(details(missing.json)).toEqual([{ loc: ["body", "symbols", 1], msg: "No CSV file BBB_1d.csv for BBB in csv_data_path 'bars' of the data directory", type: "value_error" }]);
    const escaping = await createRun(h, body({ csv_data_path: "../etc" }));
    expect(escaping.res.status).toBe(422);
    expect(details(escaping.json)[0].loc).toEqual(["body", "csv_data_path"]);
  });
});

describe("listing", () => {
  it("newest first, state filter, cursor paging with Link, malformed cursor 422", async () => {
    const h = makeApp();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push(String((await createRun(h, sampleBody({ seed: i }))).json.run_id));
      await new Promise((resolve) => setTimeout(resolve, 3));
    }
    for (const id of ids) await waitForState(h, id, ["completed"]);
    const seen: string[] = [];
    let path: string | null = "/v1/backtests?limit=2&state=completed";
    const links: string[] = [];
    while (path) {
      const page: { res: Response; json: { run_id: string }[] } = await getJson(h, path);
      expect(page.res.status).toBe(200);
      seen.push(...page.json.map((s) => s.run_id));
      const link = page.res.headers.get("link");
      if (link) links.push(link);
      path = link ? link.slice(1, link.indexOf(">")) : null;
    }
    expect(seen).toEqual([...ids].reverse());
    expect(links).toHaveLength(2);
    expect(links[0]).toMatch(/^<\/v1\/backtests\?limit=2&state=completed&cursor=[A-Za-z0-9_-]+>; rel="next"$/);
    expect((await getJson<unknown[]>(h, "/v1/backtests?state=failed")).json).toEqual([]);
    const dflt = await getJson<unknown[]>(h, "/v1/backtests");
    expect(dflt.json).toHaveLength(5);
    expect(dflt.res.headers.get("link")).toBeNull();

    // A key also sent in the query (any spelling) is never echoed into the next page's link.
    for (const name of ["api_key", "API_KEY", "api%5Fkey"]) {
      const keyed = await h.request(`/v1/backtests?limit=2&${name}=${VALID_KEY}`, { headers: { "X-API-Key": VALID_KEY } });
      expect(keyed.status).toBe(200);
      const link = keyed.headers.get("link")!;
      expect(link).toMatch(/^<\/v1\/backtests\?limit=2&cursor=[A-Za-z0-9_-]+>; rel="next"$/);
      expect(link).not.toContain(VALID_KEY);
    }

    for (const [query, field] of [["cursor=!!", "cursor"], ["cursor=YWJj", "cursor"], ["limit=0", "limit"], ["limit=201", "limit"], ["state=done", "state"]]) {
      const bad = await getJson<Record<string, unknown>>(h, `/v1/backtests?${query}`);
      expect(bad.res.status).toBe(422);
      expect(details(bad.json)[0].loc).toEqual(["query", field]);
    }
  });
});
