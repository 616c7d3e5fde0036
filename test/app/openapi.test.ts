/** The OpenAPI document (API spec §1, §2): version, security schemes, per-operation security, no legacy aliases. */
import { describe, expect, it } from "vitest";
import { makeApp, packageJsonVersion } from "./helpers.ts";

interface Operation {
  operationId?: string;
  security?: Record<string, string[]>[];
}
interface Document {
  openapi: string;
  info: { version: string };
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes: Record<string, Record<string, unknown>> };
}

const METHODS = new Set(["get", "put", "post", "delete", "patch", "head", "options", "trace"]);
const HEALTH_PATHS = new Set(["/healthz", "/v1/healthz"]);

async function loadDocument(): Promise<Document> {
  const res = await makeApp().request("/openapi.json");
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
  return (await res.json()) as Document;
}

function operations(doc: Document): { path: string; method: string; op: Operation }[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).filter(([method]) => METHODS.has(method)).map(([method, op]) => ({ path, method, op })),
  );
}

const schemeNames = (op: Operation) => (op.security ?? []).flatMap((requirement) => Object.keys(requirement)).sort();

describe("/openapi.json", () => {
  it("is OpenAPI 3.1.x with the package version", async () => {
    const doc = await loadDocument();
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info.version).toBe(packageJsonVersion());
  });

  it("declares exactly the three security schemes", async () => {
    const { components } = await loadDocument();
    expect(Object.keys(components.securitySchemes).sort()).toEqual(["apiKeyHeader", "apiKeyQuery", "bearerAuth"]);
    expect(components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
    expect(components.securitySchemes.apiKeyHeader).toMatchObject({ type: "apiKey", in: "header", name: "X-API-Key" });
    expect(components.securitySchemes.apiKeyQuery).toMatchObject({ type: "apiKey", in: "query", name: "api_key" });
    expect(String(components.securitySchemes.apiKeyQuery.description).toLowerCase()).toContain("only on the stream");
  });

  it("documents the stream and health operations", async () => {
    const doc = await loadDocument();
    expect(doc.paths["/v1/backtests/{run_id}/stream"]?.get).toBeDefined();
    expect(doc.paths["/v1/healthz"]?.get).toBeDefined();
  });

  it("health operations have security: []", async () => {
    const doc = await loadDocument();
    const health = operations(doc).filter(({ path }) => HEALTH_PATHS.has(path));
    expect(health.length).toBeGreaterThanOrEqual(1);
    for (const { op } of health) expect(op.security).toEqual([]);
  });

  it("every other operation requires a key; only stream operations accept apiKeyQuery", async () => {
    const doc = await loadDocument();
    const protectedOps = operations(doc).filter(({ path }) => !HEALTH_PATHS.has(path));
    expect(protectedOps.length).toBeGreaterThanOrEqual(1);
    for (const { path, method, op } of protectedOps) {
      const where = `${method.toUpperCase()} ${path}`;
      expect(op.security, where).toBeDefined();
      expect(op.security!.length, where).toBeGreaterThan(0);
      const names = schemeNames(op);
      expect(names, where).toContain("bearerAuth");
      expect(names, where).toContain("apiKeyHeader");
      if (/\/stream$/.test(path)) expect(names, where).toContain("apiKeyQuery");
      else expect(names, where).not.toContain("apiKeyQuery");
    }
  });

  it("the stream operation's security is exactly bearer, header or query", async () => {
    const op = (await loadDocument()).paths["/v1/backtests/{run_id}/stream"].get;
    expect(op.security).toEqual([{ bearerAuth: [] }, { apiKeyHeader: [] }, { apiKeyQuery: [] }]);
  });

  it("lists no legacy aliases (every path is /v1/... except /healthz)", async () => {
    const paths = Object.keys((await loadDocument()).paths);
    for (const path of paths) {
      if (path === "/healthz") continue;
      expect(path, path).toMatch(/^\/v1\//);
    }
    expect(paths).not.toContain("/backtests/{run_id}/stream");
  });

  it("the document is the same on every request", async () => {
    const h = makeApp();
    const first = await (await h.request("/openapi.json")).text();
    const second = await (await h.request("/openapi.json")).text();
    expect(second).toBe(first);
  });
});
