import { describe, expect, it } from "vitest";
import { DASHBOARD_CSP } from "../../../src/routes/dashboard/dashboard-csp.ts";
import { makeApp } from "../../app/helpers.ts";

describe("dashboard routes", () => {
  it.each([
    ["/", "text/html; charset=utf-8"],
    ["/dashboard/app.js", "text/javascript; charset=utf-8"],
    ["/dashboard/app.css", "text/css; charset=utf-8"],
  ])("serves %s without a key, with the dashboard CSP", async (path, type) => {
    const res = await makeApp().app.request(path);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe(type);
    expect(res.headers.get("content-security-policy")).toBe(DASHBOARD_CSP);
    expect(res.headers.get("x-ratelimit-limit")).toBeNull();
  });

  it("has no inline script or style in the page", async () => {
    const html = await (await makeApp().app.request("/")).text();
    expect(html).toContain('<script src="/dashboard/app.js" defer></script>');
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).not.toMatch(/<style|\sstyle="|\son[a-z]+="/);
  });

  it("keeps the API CSP on a 404 under /dashboard/", async () => {
    const res = await makeApp().app.request("/dashboard/nope.js");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
  });
});
