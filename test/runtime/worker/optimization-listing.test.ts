/**
 * `GET /v1/optimizations` on Workers: the optimisation index object, fed by the optimisation
 * objects' reports. Newest first, `state` filter, cursor pages with `Link`; a resume moves an
 * entry back to `queued` (entries follow their log, not a ranking of states); a failed report
 * never fails the optimisation and is repeated later.
 */
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { OptimizationStatus } from "../../../src/runs/optimizations/optimization-types.ts";
import { OptimizationIndexObject } from "../../../src/runtime/worker.ts";
import { createOptimization, holdNewOptimizationsQueued, optimizationStub, postJson, settleOptimization } from "./optimization-helpers.ts";
import { getJson } from "./run-helpers.ts";

afterEach(() => {
  vi.restoreAllMocks();
});

/** Every listed optimisation, following `Link: rel="next"` from `path`; also the number of pages. */
async function listAll(path: string): Promise<{ items: OptimizationStatus[]; pages: number }> {
  const items: OptimizationStatus[] = [];
  let pages = 0;
  for (let next: string | null = path; next !== null; pages++) {
    const { res, json }: { res: Response; json: OptimizationStatus[] } = await getJson<OptimizationStatus[]>(next);
    expect(res.status).toBe(200);
    items.push(...json);
    const link: string | null = res.headers.get("link");
    next = link === null ? null : /^<([^>]+)>; rel="next"$/.exec(link)![1];
  }
  return { items, pages };
}

const newestFirst = (a: OptimizationStatus, b: OptimizationStatus) =>
  a.created_at === b.created_at ? (a.optimization_id < b.optimization_id ? 1 : -1) : a.created_at < b.created_at ? 1 : -1;

describe("optimisation listing on Workers", () => {
  it("lists newest first, filters by state, pages with a cursor and follows a resume", async () => {
    holdNewOptimizationsQueued();
    const queued = (await createOptimization()).json;
    const cancelled = (await createOptimization()).json;
    const completed = (await createOptimization()).json;
    expect((await postJson(`/v1/optimizations/${cancelled.optimization_id}/cancel`)).res.status).toBe(200);
    await settleOptimization(completed.optimization_id);
    const ours = new Set([queued, cancelled, completed].map((s) => s.optimization_id));

    const { items, pages } = await listAll("/v1/optimizations?limit=2");
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(new Set(items.map((s) => s.optimization_id)).size).toBe(items.length);
    expect(items).toEqual([...items].sort(newestFirst));
    const mine = items.filter((s) => ours.has(s.optimization_id));
    expect(mine.map((s) => s.optimization_id)).toEqual([queued, cancelled, completed].sort(newestFirst).map((s) => s.optimization_id));
    expect(mine.map((s) => [s.optimization_id, s.state])).toEqual(expect.arrayContaining([
      [queued.optimization_id, "queued"], [cancelled.optimization_id, "cancelled"], [completed.optimization_id, "completed"],
    ]));
    expect(mine.find((s) => s.optimization_id === completed.optimization_id)).toEqual(await optimizationStub(completed.optimization_id).getStatus());

    for (const state of ["queued", "cancelled", "completed"] as const) {
      const filtered = (await listAll(`/v1/optimizations?state=${state}&limit=1`)).items;
      expect(filtered.every((s) => s.state === state)).toBe(true);
      expect(filtered.filter((s) => ours.has(s.optimization_id)).map((s) => s.state)).toEqual([state]);
    }

    expect((await postJson(`/v1/optimizations/${cancelled.optimization_id}/resume`)).res.status).toBe(200);
    const requeued = (await listAll("/v1/optimizations?state=queued&limit=200")).items.map((s) => s.optimization_id);
    expect(requeued).toContain(cancelled.optimization_id);
    await postJson(`/v1/optimizations/${cancelled.optimization_id}/cancel`);
    await postJson(`/v1/optimizations/${queued.optimization_id}/cancel`);
  });

  it("keeps an optimisation going when the index is down, and catches the listing up later", async () => {
    holdNewOptimizationsQueued();
    const report = vi.spyOn(OptimizationIndexObject.prototype, "report").mockImplementation(() => {
      throw new Error("index unavailable");
    });
    const { res, json: created } = await createOptimization();
    expect(res.status).toBe(201);
    const id = created.optimization_id;
    expect((await listAll("/v1/optimizations?limit=200")).items.map((s) => s.optimization_id)).not.toContain(id);
    expect(await runInDurableObject(optimizationStub(id), (_instance, state) => state.storage.get("index_pending"))).toBe(true);

    report.mockRestore();
    await runDurableObjectAlarm(optimizationStub(id));
    await settleOptimization(id);
    const listed = (await listAll("/v1/optimizations?state=completed&limit=200")).items.find((s) => s.optimization_id === id);
    expect(listed).toMatchObject({ optimization_id: id, state: "completed", progress: 1, completed_trials: 6 });
    expect(await runInDurableObject(optimizationStub(id), (_instance, state) => state.storage.get("index_pending"))).toBeUndefined();
  });
});
