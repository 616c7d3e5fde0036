/** The app mounted under `/glowback` in another Hono app (examples/embed.ts): paths, error shapes, headers, stream. */
import { serve } from "@hono/node-server";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { createHostApp } from "../../examples/embed.ts";
import type { RunEvent } from "../../src/runs/run-types.ts";
import { VALID_KEY } from "../app/helpers.ts";
import { readSse } from "./backtests/node-test-server.ts";
import { AUTH, createRun, getJson, sampleBody, waitForState } from "./backtests/run-client.ts";

const P = "/glowback";

describe("GlowBack mounted under /glowback", () => {
  const host = createHostApp({ GLOWBACK_API_KEY: VALID_KEY }, () => undefined);

  it("keeps the host's own routes and public GlowBack routes", async () => {
    expect(await (await host.request("/")).text()).toBe("host app; GlowBack is mounted at /glowback");
    const health = await host.request(`${P}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: "healthy", runtime: "node" });
  });

  it("requires the key and answers with the /v1 envelope under the prefix", async () => {
    const res = await host.request(`${P}/v1/backtests`);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: "unauthorized", message: "Invalid or missing API key", details: null }, request_id: res.headers.get("x-request-id") });
    const legacy = await host.request(`${P}/backtests/none`, { headers: { "X-API-Key": VALID_KEY } });
    expect(legacy.status).toBe(404);
    expect(await legacy.json()).toEqual({ detail: "Run not found" });
    const versioned = await host.request(`${P}/v1/backtests/none`, { headers: { "X-API-Key": VALID_KEY } });
    expect(await versioned.json()).toMatchObject({ error: { code: "not_found", message: "Run not found" } });
  });

  it("runs a backtest: Location and Link carry the prefix; the SSE stream works with ?api_key", async () => {
    const { res, json } = await createRun(host, sampleBody(), P);
    expect(res.status).toBe(201);
    const runId = String(json.run_id);
    expect(res.headers.get("location")).toBe(`${P}/v1/backtests/${runId}`);
    await createRun(host, sampleBody({ seed: 1 }), P);
    await waitForState(host, runId, ["completed"], 15_000, P);

    const page = await getJson<unknown[]>(host, `${P}/v1/backtests?limit=1`);
    expect(page.json).toHaveLength(1);
    const link = page.res.headers.get("link") ?? "";
    expect(link).toMatch(new RegExp(`^<${P}/v1/backtests\\?limit=1&cursor=[A-Za-z0-9_-]+>; rel="next"$`));
    const next = await getJson<unknown[]>(host, link.slice(1, link.indexOf(">")));
    expect(next.res.status).toBe(200);
    expect(next.json).toHaveLength(1);

    const stream = await host.request(`${P}/v1/backtests/${runId}/stream?api_key=${VALID_KEY}`, { headers: { Accept: "text/event-stream" } });
    expect(stream.status).toBe(200);
    const { events } = await readSse(stream);
    const stored = await getJson<RunEvent[]>(host, `${P}/v1/backtests/${runId}/events?limit=1000`);
    expect(events).toEqual(stored.json);
    expect(events[events.length - 1].payload).toEqual({ state: "completed" });
    const result = await getJson<{ sections: Record<string, { href: string }> }>(host, `${P}/v1/backtests/${runId}/results`);
    const section = await getJson<{ total: number }>(host, `${P}${result.json.sections.trades.href}?limit=10`);
    expect(section.res.status).toBe(200);
  });

  it("redirects the mount point with a trailing slash to the dashboard (keeping the query); other methods get 405, not a redirect", async () => {
    const page = await host.request(P);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/html");
    for (const [path, location] of [[`${P}/`, P], [`${P}/?tab=x`, `${P}?tab=x`]]) {
      const res = await host.request(path, { redirect: "manual" });
      expect(res.status).toBe(308);
      expect(res.headers.get("location")).toBe(location);
      expect(res.headers.get("x-request-id")).toBeTruthy();
    }
    const post = await host.request(`${P}/`, { method: "POST", headers: { "X-API-Key": VALID_KEY } });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toContain("GET");
  });

  it("answers unmatched paths and methods under the prefix itself: 404 envelope, 405 with Allow", async () => {
    const unknown = await host.request(`${P}/v1/nope`, { headers: AUTH });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: { code: "not_found", message: "Not found", details: null }, request_id: unknown.headers.get("x-request-id") });
    const legacy = await host.request(`${P}/nope`, { headers: AUTH });
    expect(legacy.status).toBe(404);
    expect(await legacy.json()).toEqual({ detail: "Not found" });
    const method = await host.request(`${P}/v1/backtests`, { method: "DELETE", headers: AUTH });
    expect(method.status).toBe(405);
    expect(method.headers.get("allow")).toBe("GET, HEAD, POST");
    expect(await method.json()).toMatchObject({ error: { code: "method_not_allowed", message: "Method DELETE not allowed" } });
    expect(method.headers.get("x-content-type-options")).toBe("nosniff");
    expect((await host.request("/elsewhere")).status).toBe(404);
  });

  it("a 422 under the prefix keeps the /v1 shape", async () => {
    const res = await host.request(`${P}/v1/backtests`, { method: "POST", headers: AUTH, body: JSON.stringify({ symbols: [] }) });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { code: string; details: { loc: unknown[] }[] } };
    expect(body.error.code).toBe("validation_error");
    expect(body.error.details.map((d) => d.loc)).toEqual([["body", "symbols"], ["body", "start_date"], ["body", "end_date"]]);
  });

  it("served by a real Node server, knows each client's address without being told how to read it (audit line, per-IP limits)", async () => {
    const lines: string[] = [];
    const served = createHostApp({ GLOWBACK_API_KEY: VALID_KEY }, (line) => lines.push(line));
    const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const s = serve({ fetch: served.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
    });
    try {
      const { port } = server.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}${P}/v1/backtests`, { headers: { "X-API-Key": "wrong-key" } });
      expect(res.status).toBe(401);
      const audit = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.event === "auth");
      expect(audit).toMatchObject({ outcome: "denied", client_ip: "127.0.0.1" });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
