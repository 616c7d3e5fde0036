import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DASHBOARD_CSP } from "../../src/routes/dashboard/dashboard-csp.ts";
import { hasChromium, launchChromium } from "./chromium.ts";
import type { NodeServer } from "./node-server.ts";
import { startNodeServer } from "./node-server.ts";
import type { PageRecord } from "./page-recorder.ts";
import { recordPage } from "./page-recorder.ts";

const ARTIFACTS = fileURLToPath(new URL("../../test-artifacts/", import.meta.url));
const KEY = "dashboard-test-key-0123456789";
// Sample minute bars for three symbols over two years: a run of a couple of seconds here.
const RUN_FORM = { symbols: "AAPL, MSFT, GOOG", start: "2023-01-01", end: "2025-01-01", resolution: "minute" };

interface Debug {
  pointsReceived: number;
  uniqueTimestamps: number;
  pointsPlotted: number;
  connections: number;
}

// Closes the page's first WebSocket after its third message: a dropped connection mid-run.
function dropFirstSocketAfterThreeMessages(): void {
  const Native = window.WebSocket;
  let created = 0;
  const record = { dropped: 0 };
  Object.defineProperty(window, "__socketDrops", { value: record });
  window.WebSocket = class extends Native {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      created += 1;
      if (created !== 1) return;
      let messages = 0;
      this.addEventListener("message", () => {
        messages += 1;
        if (messages === 3) {
          record.dropped += 1;
          this.close();
        }
      });
    }
  };
}

describe.skipIf(!hasChromium())("the dashboard in Chromium", () => {
  let server: NodeServer;
  let browser: Browser;
  let page: Page;
  let record: PageRecord;
  let pageHeaders: Record<string, string>;

  const fillRun = async () => {
    await page.fill("#f-symbols", RUN_FORM.symbols);
    await page.fill("#f-start", RUN_FORM.start);
    await page.fill("#f-end", RUN_FORM.end);
    await page.selectOption("#f-resolution", RUN_FORM.resolution);
    await page.selectOption("#f-source", "sample");
    await page.selectOption("#f-strategy", "ma_crossover");
  };
  const debug = () => page.evaluate(() => (window as unknown as { __glowbackDashboard: Debug }).__glowbackDashboard);
  const api = async (path: string) => (await fetch(`${server.origin}${path}`, { headers: { Authorization: `Bearer ${KEY}` } })).json();

  beforeAll(async () => {
    // Serve the current sources: the page is a generated bundle of src/dashboard.
    execFileSync(process.execPath, [fileURLToPath(new URL("../../scripts/build-dashboard.mjs", import.meta.url))], { stdio: "ignore" });
    server = await startNodeServer({ GLOWBACK_API_KEY: KEY, GLOWBACK_AUTH_FAILURE_LIMIT: "1000", GLOWBACK_RATE_LIMIT: "10000" });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    page.setDefaultTimeout(20_000);
    record = await recordPage(page);
    await page.addInitScript(dropFirstSocketAfterThreeMessages);
    const response = await page.goto(`${server.origin}/`, { waitUntil: "load" });
    pageHeaders = response?.headers() ?? {};
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("serves the page without a key, under its CSP", () => {
    expect(pageHeaders["content-security-policy"]).toBe(DASHBOARD_CSP);
    expect(pageHeaders["content-type"]).toBe("text/html; charset=utf-8");
  });

  it("asks for a key, then shows a clear message for a wrong one", async () => {
    await expect.poll(() => page.locator("#notice").innerText()).toBe("This server requires an API key (401): enter it above.");
    await page.fill("#api-key", "not-the-key");
    await page.click("#key-form button[type=submit]");
    await expect.poll(() => page.locator("#notice").innerText()).toBe("The API key was rejected (401): enter a valid key above.");
    expect(await page.locator("#notice").getAttribute("class")).toBe("notice error");
  });

  it("accepts the right key and builds the strategy's fields from /v1/strategies", async () => {
    await page.fill("#api-key", KEY);
    await page.press("#api-key", "Enter");
    await expect.poll(() => page.locator("#notice").innerText()).toBe("Key accepted.");
    expect(await page.evaluate(() => sessionStorage.getItem("glowback.apiKey"))).toBe(KEY);
    await page.selectOption("#f-strategy", "rsi");
    expect(await page.locator("#p-lookback_period").getAttribute("min")).toBe("1");
    expect(await page.locator("#p-lookback_period").inputValue()).toBe("14");
    expect(await page.locator("#p-smoothing option").allInnerTexts()).toEqual(["wilder", "simple"]);
    await page.selectOption("#f-strategy", "ma_crossover");
    expect(await page.locator("#p-allow_short").getAttribute("type")).toBe("checkbox");
    expect(await page.locator("label[for=p-short_period]").innerText()).toBe("short period");
  });

  it("shows a 422 beside the field it names", async () => {
    await fillRun();
    await page.fill("#f-end", "2022-01-01");
    await page.click("#create-run");
    await expect.poll(() => page.locator('.field-error[data-loc="end_date"]').innerText()).toMatch(/after start_date|start_date/);
    expect(await page.locator("#f-end").getAttribute("aria-invalid")).toBe("true");
    expect(page.url()).toBe(`${server.origin}/`);
  });

  it("creates a run, follows it to 100 % and shows the chart and metrics", async () => {
    await fillRun();
    await page.click("#create-run");
    await page.waitForURL(/#\/runs\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.locator("#run-progress-text").innerText(), { timeout: 30_000 }).toBe("100 %");
    await expect.poll(() => page.locator("#run-state").innerText(), { timeout: 30_000 }).toBe("completed");
    await page.locator("#metrics tr[data-metric=total_return]").waitFor({ state: "visible" });
    expect(await page.locator("#metrics tr[data-metric=total_return] td").nth(1).innerText()).toBe("%");
    expect(await page.locator("#metrics tr[data-metric=final_value] td").nth(1).innerText()).toBe("USD");
    expect(await page.locator("#live-chart canvas").count()).toBe(1);
    expect(await page.locator("#equity-chart .u-series").count()).toBe(3); // x + equity + benchmark
    expect(await page.locator("#monthly tbody tr").count()).toBe(2);
    expect((await debug()).pointsPlotted).toBeGreaterThan(0);
  });

  it("resumed after the dropped socket without duplicate or lost points", async () => {
    const runId = decodeURIComponent(page.url().split("/runs/")[1]);
    const events = (await api(`/v1/backtests/${runId}/events?limit=1000`)) as { type: string }[];
    const stored = events.filter((e) => e.type === "metric").length;
    const d = await debug();
    expect(await page.evaluate(() => (window as unknown as { __socketDrops: { dropped: number } }).__socketDrops.dropped)).toBe(1);
    expect(d.connections).toBe(2);
    expect(stored).toBeGreaterThan(0);
    expect(d.pointsReceived).toBe(stored);
    expect(d.uniqueTimestamps).toBe(stored);
    expect(d.pointsPlotted).toBe(stored);
  });

  it("pages the trades table", async () => {
    const runId = decodeURIComponent(page.url().split("/runs/")[1]);
    const result = (await api(`/v1/backtests/${runId}/results`)) as { sections: { trades: { total: number } } };
    const total = result.sections.trades.total;
    expect(total).toBeGreaterThan(25);
    expect(await page.locator("#trades-page").innerText()).toBe(`Trades 1–25 of ${total}`);
    await page.click("#trades-next");
    await expect.poll(() => page.locator("#trades-page").innerText()).toBe(`Trades 26–${Math.min(50, total)} of ${total}`);
    expect(await page.locator("#trades tbody tr").count()).toBe(Math.min(25, total - 25));
  });

  it("downloads the trades as CSV", async () => {
    const [download] = await Promise.all([page.waitForEvent("download"), page.click('button[data-download="trades"]')]);
    expect(download.suggestedFilename()).toMatch(/^glowback-[0-9a-f-]{36}-trades\.csv$/);
  });

  it("saves screenshots (desktop and phone width)", async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: `${ARTIFACTS}dashboard-run.png`, fullPage: true });
    // The README's picture (docs/dashboard.png is a copy of this one): the top of a completed run.
    await page.screenshot({ path: `${ARTIFACTS}dashboard-readme.png`, fullPage: true, clip: { x: 0, y: 0, width: 1280, height: 1250 } });
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: `${ARTIFACTS}dashboard-phone.png` });
    await page.setViewportSize({ width: 1280, height: 1000 });
  });

  it("cancels a running run", async () => {
    await page.click('a[href="#/"]');
    await fillRun();
    await page.click("#create-run");
    await page.waitForURL(/#\/runs\/[0-9a-f-]{36}$/);
    await page.locator("#run-cancel").click();
    await expect.poll(() => page.locator("#run-state").innerText()).toBe("cancelled");
    expect(await page.locator("#run-cancel").isHidden()).toBe(true);
    await page.click('a[href="#/"]');
    await expect.poll(() => page.locator("#runs-body tr .state").allInnerTexts()).toEqual(["cancelled", "completed"]);
  });

  it("caused no CSP violation, page error, or request to another origin", async () => {
    expect(await record.violations()).toEqual([]);
    expect(record.cspConsole).toEqual([]);
    expect(record.pageErrors).toEqual([]);
    const http = server.origin;
    const ws = http.replace(/^http/, "ws");
    const foreign = record.requests.filter((url) => !url.startsWith(`${http}/`) && !url.startsWith(`${ws}/`) && !url.startsWith("blob:"));
    expect(foreign).toEqual([]);
  });
});
