/** The typed client against the in-process app (`app.request` as its fetch). */
import { describe, expect, it } from "vitest";
import { GlowBackApiError, createGlowBackClient } from "../../src/client/client.ts";
import type { BacktestStatus, CreateBacktestBody, GlowBackClient } from "../../src/client/client.ts";
import { AAA_DAILY_CSV, smallRunBody } from "../support/run-bodies.ts";
import { UUID_PATTERN, VALID_KEY, WRONG_KEY, makeApp } from "../app/helpers.ts";

const BASE = "http://glowback.test";

function clientFor(apiKey: string, seen: Headers[] = []): GlowBackClient {
  const { app } = makeApp();
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    seen.push(new Headers(init?.headers));
    return app.request(input, init);
  }) as typeof globalThis.fetch;
  return createGlowBackClient({ baseUrl: BASE, apiKey, fetch });
}

async function completed(client: GlowBackClient, id: string): Promise<BacktestStatus> {
  for (let i = 0; i < 200; i++) {
    const status = await client.getBacktest(id);
    if (status.state !== "queued" && status.state !== "running") return status;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`run ${id} did not finish`);
}

async function rejection(promise: Promise<unknown>): Promise<GlowBackApiError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(GlowBackApiError);
  return error as GlowBackApiError;
}

describe("createGlowBackClient", () => {
  it("sends the key as a Bearer header and reads a run through its whole life", async () => {
    const seen: Headers[] = [];
    const client = clientFor(VALID_KEY, seen);
    const created = await client.createBacktest(smallRunBody() as CreateBacktestBody);
    expect(created.state).toBe("queued");
    expect(created.run_id).toMatch(UUID_PATTERN);
    expect(seen[0]?.get("authorization")).toBe(`Bearer ${VALID_KEY}`);

    const done = await completed(client, created.run_id);
    expect(done.state).toBe("completed");
    expect(done.progress).toBe(1);
    expect(seen.every((h) => h.get("authorization") === `Bearer ${VALID_KEY}`)).toBe(true);

    const result = await client.results(created.run_id);
    expect(result.run_id).toBe(created.run_id);
    const page = await client.resultSection(created.run_id, "equity_curve", { offset: 2, limit: 3 });
    expect([page.run_id, page.section, page.offset, page.limit, page.items.length]).toEqual([created.run_id, "equity_curve", 2, 3, 3]);
    const events = await client.events(created.run_id, { after: 1, limit: 2 });
    expect(events.map((e) => e.event_id)).toEqual([2, 3]);
    expect(events[0]?.run_id).toBe(created.run_id);
  });

  it("pages the listing with the cursor of the Link header", async () => {
    const client = clientFor(VALID_KEY);
    const first = await client.createBacktest(smallRunBody() as CreateBacktestBody);
    const second = await client.createBacktest(smallRunBody() as CreateBacktestBody);
    const page1 = await client.listBacktests({ limit: 1 });
    expect(page1.items.map((s) => s.run_id)).toEqual([second.run_id]);
    expect(typeof page1.nextCursor).toBe("string");
    const page2 = await client.listBacktests({ limit: 1, cursor: page1.nextCursor! });
    expect(page2.items.map((s) => s.run_id)).toEqual([first.run_id]);
    expect(page2.nextCursor).toBeNull();
  });

  it("uploads and lists datasets", async () => {
    const client = clientFor(VALID_KEY);
    const info = await client.uploadDataset("AAA", "day", AAA_DAILY_CSV);
    expect([info.symbol, info.resolution, info.bars]).toEqual(["AAA", "day", 160]);
    const list = await client.listDatasets();
    expect(list.map((d) => `${d.symbol}/${d.resolution}/${d.bars}`)).toEqual(["AAA/day/160"]);
  });

  it("throws GlowBackApiError with status, code, message and request id", async () => {
    const client = clientFor(VALID_KEY);
    const missing = await rejection(client.getBacktest("00000000-0000-4000-8000-000000000000"));
    expect([missing.status, missing.code, missing.message, missing.details]).toEqual([404, "not_found", "Run not found", null]);
    expect(missing.requestId).toMatch(UUID_PATTERN);

    const denied = await rejection(clientFor(WRONG_KEY).listDatasets());
    expect([denied.status, denied.code, denied.message]).toEqual([401, "unauthorized", "Invalid or missing API key"]);

    const invalid = await rejection(client.createBacktest({ ...smallRunBody(), end_date: "2021-01-01" } as CreateBacktestBody));
    expect([invalid.status, invalid.code]).toEqual([422, "validation_error"]);
    expect((invalid.details as { loc: unknown[] }[]).some((d) => d.loc.join(".") === "body.end_date")).toBe(true);
  });

  it("carries a conflict's details (cancel after completion)", async () => {
    const client = clientFor(VALID_KEY);
    const created = await client.createBacktest(smallRunBody() as CreateBacktestBody);
    await completed(client, created.run_id);
    const conflict = await rejection(client.cancel(created.run_id));
    expect([conflict.status, conflict.code, conflict.message]).toEqual([409, "conflict", "Run already completed"]);
    expect(conflict.details).toEqual({ state: "completed", error: null });
  });

  it("lists the strategies with their parameter schemas", async () => {
    const strategies = await clientFor(VALID_KEY).strategies();
    const crossover = strategies.find((s) => s.name === "ma_crossover");
    expect(Object.keys(crossover?.params ?? {})).toEqual(expect.arrayContaining(["short_period", "long_period"]));
  });

  it("exposes the raw hc proxy with the key applied", async () => {
    const client = clientFor(VALID_KEY);
    const response = await client.api.v1.healthz.$get();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "healthy", version: expect.any(String), runtime: "node" });
  });
});
