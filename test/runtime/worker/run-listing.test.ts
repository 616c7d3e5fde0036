/**
 * `GET /v1/backtests` on Workers: the run index object, fed by the run objects' reports. Newest
 * first, `state` filter, cursor pages with `Link`; a failed report never fails the run and is
 * repeated later.
 */
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { RunStatus } from "../../../src/runs/run-types.ts";
import { RunIndexObject } from "../../../src/runtime/worker.ts";
import { authHeaders, createRun, getJson, holdNewRunsQueued, runStub } from "./run-helpers.ts";
import { fetchWorker } from "./worker-client.ts";

afterEach(() => {
  vi.restoreAllMocks();
});

/** Every listed run, following `Link: rel="next"` from `path`; also the number of pages. */
async function listAll(path: string): Promise<{ items: RunStatus[]; pages: number }> {
  const items: RunStatus[] = [];
  let pages = 0;
  for (let next: string | null = path; next !== null; pages++) {
    const { res, json }: { res: Response; json: RunStatus[] } = await getJson<RunStatus[]>(next);
    expect(res.status).toBe(200);
    items.push(...json);
    const link: string | null = res.headers.get("link");
    next = link === null ? null : /^<([^>]+)>; rel="next"$/.exec(link)![1];
  }
  return { items, pages };
}

const newestFirst = (a: RunStatus, b: RunStatus) => (a.created_at === b.created_at ? (a.run_id < b.run_id ? 1 : -1) : a.created_at < b.created_at ? 1 : -1);

describe("run listing on Workers", () => {
  it("lists newest first, filters by state and pages with a cursor", async () => {
    holdNewRunsQueued();
    const queued = (await createRun()).json;
    const cancelled = (await createRun()).json;
    const completed = (await createRun()).json;
    expect((await fetchWorker(`/v1/backtests/${cancelled.run_id}/cancel`, { method: "POST", headers: authHeaders() })).status).toBe(200);
    await runDurableObjectAlarm(runStub(completed.run_id));
    const ours = new Set([queued.run_id, cancelled.run_id, completed.run_id]);

    const { items, pages } = await listAll("/v1/backtests?limit=2");
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(new Set(items.map((s) => s.run_id)).size).toBe(items.length);
    expect(items).toEqual([...items].sort(newestFirst));
    const mine = items.filter((s) => ours.has(s.run_id));
    const expectedOrder = [queued, cancelled, completed].sort(newestFirst).map((s) => s.run_id);
    expect(mine.map((s) => s.run_id)).toEqual(expectedOrder);
    expect(Object.fromEntries(mine.map((s) => [s.run_id, s.state]))).toEqual({
      [queued.run_id]: "queued", [cancelled.run_id]: "cancelled", [completed.run_id]: "completed",
    });
    expect(mine.find((s) => s.run_id === completed.run_id)).toEqual(await runStub(completed.run_id).getStatus());

    for (const state of ["queued", "cancelled", "completed"] as const) {
      const filtered = (await listAll(`/v1/backtests?state=${state}&limit=1`)).items;
      expect(filtered.every((s) => s.state === state)).toBe(true);
      expect(filtered.filter((s) => ours.has(s.run_id)).map((s) => s.state)).toEqual([state]);
    }
    const bad = await getJson<{ error: { details: { loc: string[] }[] } }>("/v1/backtests?cursor=not-a-cursor!");
    expect(bad.res.status).toBe(422);
    expect(bad.json.error.details[0].loc).toEqual(["query", "cursor"]);
    await fetchWorker(`/v1/backtests/${queued.run_id}/cancel`, { method: "POST", headers: authHeaders() });
  });

  it("keeps a run going when the index is down, and catches the listing up later", async () => {
    holdNewRunsQueued();
    const report = vi.spyOn(RunIndexObject.prototype, "report").mockImplementation(() => {
      throw new Error("index unavailable");
    });
    const { res, json: created } = await createRun();
    expect(res.status).toBe(201);
    const runId = created.run_id;
    expect((await listAll("/v1/backtests?limit=200")).items.map((s) => s.run_id)).not.toContain(runId);
    expect(await runInDurableObject(runStub(runId), (_instance, state) => state.storage.get("index_pending"))).toBe(true);

    report.mockRestore();
    await runDurableObjectAlarm(runStub(runId));
    const listed = (await listAll("/v1/backtests?state=completed&limit=200")).items.find((s) => s.run_id === runId);
    expect(listed).toMatchObject({ run_id: runId, state: "completed", progress: 1 });
    expect(await runInDurableObject(runStub(runId), (_instance, state) => state.storage.get("index_pending"))).toBeUndefined();
  });
});
