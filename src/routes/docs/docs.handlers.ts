/** Registers `/openapi.json`, `/docs` and the Swagger UI assets. All public. */
import type { OpenAPIHono } from "@hono/zod-openapi";
import { SWAGGER_UI_BUNDLE_JS, SWAGGER_UI_CSS } from "../../generated/swagger-ui-assets.ts";
import type { AppEnv } from "../../http/context.ts";
import { PACKAGE_VERSION } from "../../version.ts";
import { DOCS_CSP, DOCS_HTML, DOCS_INIT_JS } from "./docs-page.ts";

const API_DESCRIPTION = `GlowBack runs backtests asynchronously: submit one, then read its status, results and a live,
resumable event stream. Every route except the health check, this document and /docs needs an API key:
\`Authorization: Bearer <key>\` (checked first) or \`X-API-Key: <key>\`; on the stream endpoints only, browsers may
pass \`?api_key=<key>\`. Every route also exists without the \`/v1\` prefix (legacy alias, \`{"detail": ...}\` errors).`;

function asset(body: string, contentType: string): Response {
  return new Response(body, { headers: { "Content-Type": contentType, "Content-Security-Policy": DOCS_CSP } });
}

/** Adds the OpenAPI document and the documentation page. The document is generated once, on first request. */
export function registerDocsRoutes(app: OpenAPIHono<AppEnv>): void {
  let document: string | null = null;
  app.get("/openapi.json", (c) => {
    document ??= JSON.stringify(
      app.getOpenAPI31Document({
        openapi: "3.1.0",
        info: { title: "GlowBack API", version: PACKAGE_VERSION, description: API_DESCRIPTION },
        servers: [{ url: "/" }],
        security: [{ bearerAuth: [] }, { apiKeyHeader: [] }],
      }),
    );
    return c.body(document, 200, { "Content-Type": "application/json; charset=utf-8" });
  });
  app.get("/docs", () => asset(DOCS_HTML, "text/html; charset=utf-8"));
  app.get("/docs/swagger-ui.css", () => asset(SWAGGER_UI_CSS, "text/css; charset=utf-8"));
  app.get("/docs/swagger-ui-bundle.js", () => asset(SWAGGER_UI_BUNDLE_JS, "text/javascript; charset=utf-8"));
  app.get("/docs/init.js", () => asset(DOCS_INIT_JS, "text/javascript; charset=utf-8"));
}
