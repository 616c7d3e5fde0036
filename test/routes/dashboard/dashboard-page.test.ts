import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { renderDashboardHtml } from "../../../src/routes/dashboard/dashboard-page.ts";
import { makeApp } from "../../app/helpers.ts";

describe("the dashboard page's mount prefix", () => {
  it("is empty at the root", async () => {
    const html = await (await makeApp().app.request("/")).text();
    expect(html).toContain('<meta name="glowback-base" content="">');
    expect(html).toContain('<link rel="stylesheet" href="/dashboard/app.css">');
    expect(html).not.toContain("{{base}}");
  });

  it("is rendered into the asset URLs and the API base when mounted", async () => {
    const host = new Hono();
    host.route("/glowback", makeApp().app);
    const res = await host.request("/glowback");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<meta name="glowback-base" content="/glowback">');
    expect(html).toContain('<link rel="stylesheet" href="/glowback/dashboard/app.css">');
    expect(html).toContain('<script src="/glowback/dashboard/app.js" defer></script>');
    expect((await host.request("/glowback/dashboard/app.js")).status).toBe(200);
  });

  it("escapes the prefix for an attribute", () => {
    expect(renderDashboardHtml('<a href="{{base}}/x">', '/a"<b>&')).toBe('<a href="/a&quot;&lt;b&gt;&amp;/x">');
  });
});
