import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DASHBOARD_CSP } from "../../src/routes/dashboard/dashboard-csp.ts";
import { hasChromium, launchChromium } from "./chromium.ts";
import type { NodeServer } from "./node-server.ts";
import { startNodeServer } from "./node-server.ts";
import type { PageRecord } from "./page-recorder.ts";
import { recordPage } from "./page-recorder.ts";

const KEY = "mounted-test-key-0123456789";
/** Where test/browser/mounted-host.ts mounts GlowBack. */
const PREFIX = "/glowback";

describe.skipIf(!hasChromium())("the dashboard mounted under a prefix, in Chromium", () => {
  let server: NodeServer;
  let browser: Browser;
  let page: Page;
  let record: PageRecord;
  let pageHeaders: Record<string, string>;
  const sockets: string[] = [];

  beforeAll(async () => {
    execFileSync(process.execPath, [fileURLToPath(new URL("../../scripts/build-dashboard.mjs", import.meta.url))], { stdio: "ignore" });
    server = await startNodeServer({ GLOWBACK_API_KEY: KEY, GLOWBACK_RATE_LIMIT: "10000" }, 30_000, "test/browser/mounted-host.ts");
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    page.setDefaultTimeout(20_000);
    record = await recordPage(page);
    page.on("websocket", (socket) => sockets.push(socket.url()));
    const response = await page.goto(`${server.origin}${PREFIX}`, { waitUntil: "load" });
    pageHeaders = response?.headers() ?? {};
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("serves the page at the prefix with its assets under the prefix", async () => {
    expect(pageHeaders["content-security-policy"]).toBe(DASHBOARD_CSP);
    expect(await page.getAttribute('meta[name="glowback-base"]', "content")).toBe(PREFIX);
    expect(await page.getAttribute('link[rel="stylesheet"]', "href")).toBe(`${PREFIX}/dashboard/app.css`);
    expect(await page.getAttribute("script[src]", "src")).toBe(`${PREFIX}/dashboard/app.js`);
    expect(record.requests).toContain(`${server.origin}${PREFIX}/dashboard/app.js`);
    expect(record.requests).toContain(`${server.origin}${PREFIX}/dashboard/app.css`);
  });

  it("creates a backtest through the prefixed API and follows it to completion", async () => {
    await page.fill("#api-key", KEY);
    await page.press("#api-key", "Enter");
    await page.locator("#notice", { hasText: /^Key accepted\.$/ }).waitFor({ state: "visible" });
    await page.fill("#f-symbols", "AAPL, MSFT");
    await page.fill("#f-start", "2023-01-01");
    await page.fill("#f-end", "2024-01-01");
    await page.selectOption("#f-resolution", "day");
    await page.selectOption("#f-source", "sample");
    await page.selectOption("#f-strategy", "ma_crossover");
    await page.click("#create-run");
    await page.waitForURL(new RegExp(`^${server.origin}${PREFIX}#/runs/[0-9a-f-]{36}$`));
    await expect.poll(() => page.locator("#run-state").innerText(), { timeout: 30_000 }).toBe("completed");
    await page.locator("#metrics tr[data-metric=total_return]").waitFor({ state: "visible" });
    const runId = decodeURIComponent(page.url().split("/runs/")[1]);
    const status = (await (await fetch(`${server.origin}${PREFIX}/v1/backtests/${runId}`, { headers: { Authorization: `Bearer ${KEY}` } })).json()) as { state: string };
    expect(status.state).toBe("completed");
    const ws = server.origin.replace(/^http/, "ws");
    expect(sockets[0]).toBe(`${ws}${PREFIX}/v1/backtests/${runId}/stream?last_event_id=0&api_key=${KEY}`);
  });

  it("requested nothing outside the prefix and caused no CSP violation or page error", async () => {
    const outside = record.requests.filter((url) => !url.startsWith(`${server.origin}${PREFIX}/`) && url !== `${server.origin}${PREFIX}`);
    expect(outside).toEqual([]);
    expect(record.requests).toContain(`${server.origin}${PREFIX}/v1/strategies`);
    expect(await record.violations()).toEqual([]);
    expect(record.cspConsole).toEqual([]);
    expect(record.pageErrors).toEqual([]);
  });
});
