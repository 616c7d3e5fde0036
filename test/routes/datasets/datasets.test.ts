/** `POST /v1/datasets/{symbol}` (text/csv) and `GET /v1/datasets`; a stored series used by a run. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { VALID_KEY, makeApp } from "../../app/helpers.ts";
import { createRun, getJson, sampleBody, waitForState } from "../backtests/run-client.ts";

const AAA = readFileSync(new URL("../../fixtures/csv/AAA_1d.csv", import.meta.url), "utf8");
const BADNUM = readFileSync(new URL("../../fixtures/csv/defects/BADNUM_1d.csv", import.meta.url), "utf8");
const csvHeaders = { "X-API-Key": VALID_KEY, "Content-Type": "text/csv" };

describe("datasets", () => {
  const h = makeApp();

  it("upload returns 201 with the validation summary; list shows it; a run uses it", async () => {
    const res = await h.request("/v1/datasets/aaa?resolution=day", { method: "POST", headers: csvHeaders, body: AAA });
    expect(res.status).toBe(201);
    const info = (await res.json()) as Record<string, unknown>;
    expect(info).toMatchObject({
      symbol: "AAA", resolution: "day", bars: 160, start: "2023-01-02T00:00:00.000Z", end: "2023-08-11T00:00:00.000Z",
      uploaded_at: expect.stringMatching(/Z$/), fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/),
      quality: { symbol: "AAA", rows_seen: 160, bars: 160, has_critical_issues: false, sample_data: false },
    });
    const list = await getJson<unknown[]>(h, "/v1/datasets");
    expect(list.json).toEqual([info]);

    for (const source of ["dataset", "default"]) {
      const { res: created, json } = await createRun(h, sampleBody({ data_source: source, symbols: ["AAA"], benchmark_symbol: null, start_date: "2023-01-01", end_date: "2023-09-01" }));
      expect(created.status).toBe(201);
      expect(await waitForState(h, String(json.run_id), ["completed", "failed"])).toMatchObject({ state: "completed" });
      const result = await getJson<{ manifest: { dataset: { fingerprint: string; bar_counts: Record<string, number> } } }>(h, `/v1/backtests/${String(json.run_id)}/results`);
      expect(result.json.manifest.dataset.bar_counts).toEqual({ AAA: 160 });
    }
    const outside = await createRun(h, sampleBody({ data_source: "dataset", symbols: ["AAA"], benchmark_symbol: null, start_date: "2020-01-01", end_date: "2021-01-01" }));
    expect(outside.res.status).toBe(422);
  });

  it("bad CSV is a 422 naming file, line and column", async () => {
    const res = await h.request("/v1/datasets/BAD", { method: "POST", headers: csvHeaders, body: BADNUM });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { message: string; details: { loc: string[]; msg: string }[] } };
    expect(body.error.message).toBe("Invalid CSV");
    expect(body.error.details[0].loc).toEqual(["body"]);
    expect(body.error.details[0].msg).toMatch(/^BAD_1d\.csv line \d+, column "\w+": .* is not a number$/);
  });

  it("empty body, wrong media type, bad symbol and resolution are rejected", async () => {
    expect((await h.request("/v1/datasets/AAA", { method: "POST", headers: csvHeaders, body: "" })).status).toBe(422);
    const json = await h.request("/v1/datasets/AAA", { method: "POST", headers: { "X-API-Key": VALID_KEY, "Content-Type": "application/json" }, body: "{}" });
    expect(json.status).toBe(415);
    expect(await json.json()).toMatchObject({ error: { code: "unsupported_media_type", message: "Request body must be text/csv" } });
    expect((await h.request("/v1/datasets/A$B", { method: "POST", headers: csvHeaders, body: AAA })).status).toBe(422);
    const res = await h.request("/v1/datasets/AAA?resolution=week", { method: "POST", headers: csvHeaders, body: AAA });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ error: { details: [{ loc: ["query", "resolution"] }] } });
    expect((await h.request("/datasets", { headers: { "X-API-Key": "wrong" } })).status).toBe(401);
  });
});
