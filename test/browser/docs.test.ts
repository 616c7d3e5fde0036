import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DOCS_CSP } from "../../src/routes/docs/docs-page.ts";
import { CHROMIUM_PATH, hasChromium, launchChromium } from "./chromium.ts";
import type { NodeServer } from "./node-server.ts";
import { startNodeServer } from "./node-server.ts";
import type { PageRecord } from "./page-recorder.ts";
import { recordPage } from "./page-recorder.ts";

const ARTIFACTS = fileURLToPath(new URL("../../test-artifacts/", import.meta.url));
const available = hasChromium();

if (!available) {
  const notice = `${CHROMIUM_PATH} is missing: install Debian's chromium package (apt-get install chromium) to run the browser tests`;
  if (process.env.CI) {
    describe("/docs in Chromium", () => {
      it("needs Chromium on CI", () => {
        throw new Error(notice);
      });
    });
  } else {
    console.warn(`[browser] skipped: ${notice}`);
  }
}

describe.skipIf(!available)("/docs in Chromium under its CSP", () => {
  let server: NodeServer;
  let browser: Browser;
  let page: Page;
  let record: PageRecord;
  let docsStatus: number | undefined;
  let docsHeaders: Record<string, string>;

  beforeAll(async () => {
    server = await startNodeServer({ GLOWBACK_API_KEY: "browser-test-key-0123456789" });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(15_000);
    record = await recordPage(page);
    const response = await page.goto(`${server.origin}/docs`, { waitUntil: "load" });
    docsStatus = response?.status();
    docsHeaders = response?.headers() ?? {};
    await page.locator(".opblock").first().waitFor({ state: "visible", timeout: 30_000 });
    await page.waitForLoadState("networkidle");
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("serves the page without a key, with the docs CSP", () => {
    expect(docsStatus).toBe(200);
    expect(docsHeaders["content-security-policy"]).toBe(DOCS_CSP);
    expect(docsHeaders["content-type"]).toBe("text/html; charset=utf-8");
  });

  it("renders the API title and the health and stream operations", async () => {
    await expect.poll(() => page.locator(".info .title").innerText()).toContain("GlowBack API");
    const getPath = (path: string) => page.locator(`.opblock.opblock-get .opblock-summary-path[data-path="${path}"]`);
    expect(await getPath("/healthz").count()).toBe(1);
    expect(await getPath("/v1/healthz").count()).toBe(1);
    expect(await getPath("/v1/backtests/{run_id}/stream").count()).toBe(1);
    expect(await getPath("/v1/backtests/{run_id}/stream").innerText()).toBe("/v1/backtests/{run_id}/stream");
  });

  it("requests nothing from any other origin", () => {
    const foreign = record.requests.filter((url) => !url.startsWith(`${server.origin}/`) && !url.startsWith("data:"));
    expect(foreign).toEqual([]);
    expect(record.requests).toContain(`${server.origin}/openapi.json`);
    expect(record.requests).toContain(`${server.origin}/docs/swagger-ui-bundle.js`);
  });

  it("expands an operation, a schema and the Authorize dialog", async () => {
    await page.locator(".opblock-summary", { hasText: "/v1/backtests/{run_id}/stream" }).click();
    await page.locator(".opblock.is-open .responses-wrapper").waitFor({ state: "visible" });
    await page.locator(".opblock.is-open .highlight-code .microlight").first().waitFor({ state: "visible" });
    const health = page.locator('section.models article[data-json-schema-level="0"]', { hasText: "Health" });
    await health.locator("button.json-schema-2020-12-accordion").first().click();
    await expect.poll(() => health.innerText()).toContain("runtime");
    await page.locator("button.authorize").click();
    await page.locator(".dialog-ux .modal-ux").waitFor({ state: "visible" });
    expect(await page.locator(".dialog-ux .auth-container").count()).toBeGreaterThanOrEqual(2);
    await page.locator(".dialog-ux button.close-modal").click();
    await page.waitForLoadState("networkidle");
  });

  it("causes no CSP violation and no page error", async () => {
    expect(await record.violations()).toEqual([]);
    expect(record.cspConsole).toEqual([]);
    expect(record.pageErrors).toEqual([]);
  });

  it("sees a violation when one happens (the listeners work)", async () => {
    const probe = await browser.newPage();
    const probeRecord = await recordPage(probe);
    await probe.goto(`${server.origin}/docs`, { waitUntil: "load" });
    await probe.evaluate(() => {
      const style = document.createElement("style");
      style.textContent = "body { color: red; }";
      document.head.append(style);
    });
    await expect.poll(async () => (await probeRecord.violations()).map((v) => v.directive)).toEqual(["style-src-elem"]);
    await expect.poll(() => probeRecord.cspConsole.length).toBe(1);
    await probe.close();
  });

  it("saves a screenshot", async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const png = await page.screenshot({ path: `${ARTIFACTS}docs.png`, fullPage: true });
    expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
  });
});
