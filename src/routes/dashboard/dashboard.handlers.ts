/** Serves the dashboard at `/` and its bundled assets under `/dashboard/`. Public, like `/docs`. */
import type { OpenAPIHono } from "@hono/zod-openapi";
import { DASHBOARD_CSS, DASHBOARD_HTML, DASHBOARD_JS } from "../../generated/dashboard-assets.ts";
import type { AppEnv } from "../../http/context.ts";
import { mountPrefix } from "../../http/mount-prefix.ts";
import { DASHBOARD_CSP } from "./dashboard-csp.ts";
import { renderDashboardHtml } from "./dashboard-page.ts";

function asset(body: string, contentType: string): Response {
  return new Response(body, { headers: { "Content-Type": contentType, "Content-Security-Policy": DASHBOARD_CSP } });
}

/** Adds `/` (the page, its asset and API URLs under the mount prefix), `/dashboard/app.js` and `/dashboard/app.css`. */
export function registerDashboardRoutes(app: OpenAPIHono<AppEnv>): void {
  app.get("/", (c) => asset(renderDashboardHtml(DASHBOARD_HTML, mountPrefix(c)), "text/html; charset=utf-8"));
  app.get("/dashboard/app.js", () => asset(DASHBOARD_JS, "text/javascript; charset=utf-8"));
  app.get("/dashboard/app.css", () => asset(DASHBOARD_CSS, "text/css; charset=utf-8"));
}
