/**
 * Datasets on Workers: an upload is parsed by the Worker and stored in the dataset object; runs
 * with `data_source: "dataset"` or `"default"` read it over RPC from their own object.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { authHeaders, createRun, getJson, sampleBody, settleRun } from "./run-helpers.ts";
import { fetchWorker } from "./worker-client.ts";

afterEach(() => {
  vi.restoreAllMocks();
});

/** `count` weekday daily bars from 2023-01-02, a gentle deterministic zig-zag. */
function dailyCsv(count: number): string {
  const rows = ["timestamp,open,high,low,close,volume"];
  const day = Date.UTC(2023, 0, 2);
  for (let i = 0, d = 0; i < count; d++) {
    const date = new Date(day + d * 86_400_000);
    if (date.getUTCDay() === 0 || date.getUTCDay() === 6) continue;
    const close = 100 + 5 * Math.sin(i / 7) + i * 0.05;
    rows.push(`${date.toISOString().slice(0, 10)},${(close - 0.2).toFixed(2)},${(close + 1).toFixed(2)},${(close - 1).toFixed(2)},${close.toFixed(2)},${1000 + i}`);
    i++;
  }
  return `${rows.join("\n")}\n`;
}

describe("datasets on Workers", () => {
  it("stores an upload, lists it, and runs on it with data_source dataset and default", async () => {
    const upload = await fetchWorker("/v1/datasets/wkr?resolution=day", { method: "POST", headers: authHeaders({ "Content-Type": "text/csv" }), body: dailyCsv(120) });
    expect(upload.status).toBe(201);
    const info = (await upload.json()) as Record<string, unknown>;
    expect(info).toMatchObject({
      symbol: "WKR", resolution: "day", bars: 120, start: "2023-01-02T00:00:00.000Z", uploaded_at: expect.stringMatching(/Z$/),
      fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/), quality: { symbol: "WKR", bars: 120, has_critical_issues: false },
    });
    const list = await getJson<Record<string, unknown>[]>("/v1/datasets");
    expect(list.res.status).toBe(200);
    expect(list.json).toContainEqual(info);

    for (const source of ["dataset", "default"]) {
      const { res, json } = await createRun(sampleBody({ data_source: source, symbols: ["WKR"], benchmark_symbol: null, start_date: "2023-01-01", end_date: "2023-12-31" }));
      expect(res.status).toBe(201);
      expect(await settleRun(json.run_id)).toMatchObject({ state: "completed", error: null });
      const result = await getJson<{ manifest: { dataset: { bar_counts: Record<string, number> } } }>(`/v1/backtests/${json.run_id}/results`);
      expect(result.json.manifest.dataset.bar_counts).toEqual({ WKR: 120 });
    }
  });

  it("rejects a symbol with no stored series at request time", async () => {
    const { res, json } = await createRun(sampleBody({ data_source: "dataset", symbols: ["NOPE"], benchmark_symbol: null }));
    expect(res.status).toBe(422);
    const details = (json as unknown as { error: { details: { loc: unknown[]; msg: string }[] } }).error.details;
    expect(details[0].loc).toEqual(["body", "symbols", 0]);
    expect(details[0].msg).toContain("POST /v1/datasets/NOPE?resolution=day");
  });

  it("answers bad CSV with a 422 naming line and column", async () => {
    const res = await fetchWorker("/v1/datasets/BAD?resolution=day", {
      method: "POST", headers: authHeaders({ "Content-Type": "text/csv" }), body: "timestamp,open,high,low,close,volume\n2023-01-02,1,2,0.5,x,10\n",
    });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { message: string; details: { msg: string }[] } };
    expect(body.error.message).toBe("Invalid CSV");
    expect(body.error.details[0].msg).toMatch(/^BAD_1d\.csv line 2, column "close": .* is not a number$/);
  });
});
