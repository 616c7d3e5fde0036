/** Health routes (API spec §1) and the package version. */
import { describe, expect, it } from "vitest";
import { PACKAGE_VERSION } from "../../src/version.ts";
import { VALID_KEY, makeApp, packageJsonVersion } from "./helpers.ts";

describe("health", () => {
  it("PACKAGE_VERSION equals package.json's version", () => {
    expect(PACKAGE_VERSION).toBe(packageJsonVersion());
  });

  it.each(["/healthz", "/v1/healthz"])("GET %s", async (path) => {
    const res = await makeApp().request(path);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ status: "healthy", version: packageJsonVersion(), runtime: "node" });
  });

  it.each(["deno", "workerd"] as const)("reports the runtime it was created for (%s)", async (runtime) => {
    const res = await makeApp(undefined, { runtime }).request("/v1/healthz");
    expect((await res.json()).runtime).toBe(runtime);
  });

  it("needs no key in any mode and ignores a wrong one", async () => {
    for (const app of [makeApp(), makeApp({})]) {
      expect((await app.request("/healthz")).status).toBe(200);
      expect((await app.request("/v1/healthz", { headers: { Authorization: "Bearer wrong" } })).status).toBe(200);
    }
  });

  it("is logged as a request without an auth line", async () => {
    const h = makeApp();
    await h.request("/healthz", { headers: { "X-API-Key": VALID_KEY } });
    expect(h.records().map((line) => [line.event, line.path, line.status])).toEqual([["request", "/healthz", 200]]);
  });
});
