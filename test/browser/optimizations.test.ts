import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasChromium, launchChromium } from "./chromium.ts";
import type { NodeServer } from "./node-server.ts";
import { startNodeServer } from "./node-server.ts";
import type { PageRecord } from "./page-recorder.ts";
import { recordPage } from "./page-recorder.ts";

const ARTIFACTS = fileURLToPath(new URL("../../test-artifacts/", import.meta.url));
const KEY = "optimization-test-key-0123456789";
const TRIALS = 8;

interface Trial {
  number: number;
  objective: number | null;
  status: string;
  metrics: Record<string, number | null>;
  parameters: Record<string, unknown>;
}

interface Debug {
  connections: number;
  trialsReceived: number;
}

/** The page's number formatting (`formatNumber` in src/dashboard/format.ts). */
function shown(value: number, digits: number): string {
  return value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

describe.skipIf(!hasChromium())("the dashboard's optimizations in Chromium", () => {
  let server: NodeServer;
  let browser: Browser;
  let page: Page;
  let record: PageRecord;

  const api = async <T>(path: string): Promise<T> => (await fetch(`${server.origin}${path}`, { headers: { Authorization: `Bearer ${KEY}` } })).json() as Promise<T>;
  const debug = () => page.evaluate(() => (window as unknown as { __glowbackOptimization: Debug }).__glowbackOptimization);
  const text = (selector: string) => page.locator(selector).innerText();
  const optimizationId = () => decodeURIComponent(page.url().split("/optimizations/")[1]);

  /** The base backtest (2 symbols, hourly sample bars from `start` to 2025) and a search over the two MA windows. */
  const fillForm = async (options: { name: string; concurrency: number; start?: string }) => {
    await page.click("#tab-optimizations");
    await page.waitForURL(/#\/optimizations$/);
    await page.fill("#f-symbols", "AAPL, MSFT");
    await page.fill("#f-start", options.start ?? "2023-01-01");
    await page.fill("#f-end", "2025-01-01");
    await page.selectOption("#f-resolution", "hour");
    await page.selectOption("#f-source", "sample");
    await page.selectOption("#f-strategy", "ma_crossover");
    await page.fill("#o-name", options.name);
    await page.selectOption("#o-method", "random");
    await page.fill("#o-max-trials", String(TRIALS));
    await page.fill("#o-concurrency", String(options.concurrency));
    await page.fill("#o-metric", "total_return");
    await page.selectOption("#o-direction", "maximize");
    await page.selectOption("#o-validation", "holdout");
    await page.fill("#o-fraction", "0.3");
    await page.fill("#o-seed", "7");
    await page.check("#s-short_period");
    await page.fill("#s-short_period-low", "2");
    await page.fill("#s-short_period-high", "10");
    await page.check("#s-long_period");
    await page.fill("#s-long_period-low", "20");
    await page.fill("#s-long_period-high", "60");
  };

  beforeAll(async () => {
    execFileSync(process.execPath, [fileURLToPath(new URL("../../scripts/build-dashboard.mjs", import.meta.url))], { stdio: "ignore" });
    server = await startNodeServer({ GLOWBACK_API_KEY: KEY, GLOWBACK_AUTH_FAILURE_LIMIT: "1000", GLOWBACK_RATE_LIMIT: "10000" });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    page.setDefaultTimeout(20_000);
    record = await recordPage(page);
    await page.goto(`${server.origin}/`, { waitUntil: "load" });
    await page.fill("#api-key", KEY);
    await page.press("#api-key", "Enter");
    await page.locator("#notice", { hasText: /^Key accepted\.$/ }).waitFor({ state: "visible" });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("switches tabs and builds the search space from the strategy's bounds", async () => {
    expect(await page.getAttribute("#tab-backtests", "aria-current")).toBe("page");
    await page.click("#tab-optimizations");
    await page.waitForURL(`${server.origin}/#/optimizations`);
    expect(await page.getAttribute("#tab-optimizations", "aria-current")).toBe("page");
    expect(await page.getAttribute("#tab-backtests", "aria-current")).toBe(null);
    await page.locator("#opt-base-slot #backtest-form").waitFor({ timeout: 5_000 });
    expect(await page.locator("#opt-base-slot #backtest-form").count()).toBe(1);
    expect(await page.locator("#create-run").isHidden()).toBe(true);
    await page.selectOption("#f-strategy", "ma_crossover");
    expect(await page.locator("#search-space .space-row").evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.param))).toEqual(["short_period", "long_period", "position_size", "allow_short"]);
    expect(await page.inputValue("#s-short_period-low")).toBe("1");
    expect(await page.inputValue("#s-short_period-high")).toBe("10000");
    expect(await page.inputValue("#s-long_period-low")).toBe("2");
    // position_size is in (0, 1]: the exclusive minimum is stepped in.
    expect(await page.inputValue("#s-position_size-low")).toBe("0.01");
    expect(await page.inputValue("#s-position_size-high")).toBe("1");
    expect(await page.inputValue("#s-allow_short-values")).toBe("true, false");
    await page.selectOption("#f-strategy", "rsi");
    expect(await page.inputValue("#s-smoothing-values")).toBe("wilder, simple");
    await page.click("#tab-backtests");
    // The view switches on `hashchange`, after the click resolves.
    await page.locator("#backtest-home-slot #backtest-form").waitFor({ timeout: 5_000 });
    expect(await page.locator("#backtest-home-slot #backtest-form").count()).toBe(1);
    expect(await page.locator("#create-run").isVisible()).toBe(true);
  });

  it("shows a 422's issues beside the optimisation, search-space and base-backtest fields", async () => {
    await fillForm({ name: "invalid", concurrency: 1 });
    await page.fill("#o-max-trials", "0");
    await page.fill("#s-long_period-high", "20000");
    await page.fill("#f-end", "2022-01-01");
    await page.click("#create-optimization");
    await expect.poll(() => text('#optimization-form .field-error[data-loc="max_trials"]')).toBe("Input should be greater than or equal to 1");
    expect(await text('#optimization-form .field-error[data-loc="search_space.long_period.high"]')).toBe("high must be at most the parameter's maximum 10000");
    expect(await text('#backtest-form .field-error[data-loc="end_date"]')).toBe("end_date must be after start_date");
    expect(await page.getAttribute("#o-max-trials", "aria-invalid")).toBe("true");
    expect(await page.getAttribute("#s-long_period-high", "aria-invalid")).toBe("true");
    expect(await page.getAttribute("#f-end", "aria-invalid")).toBe("true");
    expect(await page.getAttribute("#s-short_period-high", "aria-invalid")).toBe(null);
    expect(page.url()).toBe(`${server.origin}/#/optimizations`);
  });

  it("creates an optimisation and follows its counts, chart and trials table to completion", async () => {
    await fillForm({ name: "ma windows", concurrency: 2 });
    // Every value the completed count takes, as the page sets it.
    await page.evaluate(() => {
      const seen: string[] = [];
      Object.defineProperty(window, "__completedSeen", { value: seen });
      new MutationObserver((records) => {
        for (const r of records) for (const node of r.addedNodes) seen.push(node.textContent ?? "");
      }).observe(document.getElementById("opt-completed")!, { childList: true });
    });
    await page.click("#create-optimization");
    await page.waitForURL(/#\/optimizations\/[0-9a-f-]{36}$/);
    await expect.poll(() => text("#opt-state"), { timeout: 30_000 }).toBe("completed");
    expect(await text("#opt-completed")).toBe(String(TRIALS));
    expect(await text("#opt-failed")).toBe("0");
    expect(await text("#opt-running")).toBe("0");
    expect(await text("#opt-total")).toBe(String(TRIALS));
    expect(await text("#opt-progress-text")).toBe("100 %");
    const seen = await page.evaluate(() => (window as unknown as { __completedSeen: string[] }).__completedSeen);
    const distinct = seen.filter((v, i) => v !== "0" && v !== seen[i - 1]);
    expect(distinct).toEqual(Array.from({ length: TRIALS }, (_v, i) => String(i + 1)));

    const result = await api<{ trials: Trial[]; best_trial: Trial }>(`/v1/optimizations/${optimizationId()}/results`);
    const best = result.best_trial;
    const expectedOrder = [...result.trials].sort((a, b) => (b.objective! - a.objective!) || a.number - b.number).map((t) => String(t.number));
    await expect.poll(() => page.locator("#trials tbody tr").evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.trial))).toEqual(expectedOrder);
    expect(expectedOrder[0]).toBe(String(best.number));
    expect(await page.locator("#trials tbody tr.best").count()).toBe(1);
    expect(await page.getAttribute("#trials tbody tr.best", "data-trial")).toBe(String(best.number));
    expect(await text(`#trials tbody tr[data-trial="${best.number}"] td:nth-child(3)`)).toBe(shown(best.objective!, 4));
    expect(await page.locator("#trial-chart canvas").count()).toBe(1);
    expect((await debug()).trialsReceived).toBe(TRIALS);

    await page.locator("#opt-results").waitFor({ state: "visible" });
    expect(await text("#best-trial tr[data-key=number] td")).toBe(String(best.number));
    expect(await text("#best-trial tr[data-key=objective] td")).toBe(shown(best.objective!, 4));
    expect(await text("#best-trial tr[data-key=full_total_return] td")).toBe(shown(best.metrics.full_total_return!, 4));
    expect(await page.locator("#stability tbody tr").evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.param))).toEqual(["short_period", "long_period"]);
    expect(await text("#spread tr[data-key=count] td")).toBe(String(TRIALS));
  });

  it("runs the best trial as a backtest whose metrics equal the trial's full_ metrics", async () => {
    const result = await api<{ best_trial: Trial }>(`/v1/optimizations/${optimizationId()}/results`);
    const best = result.best_trial;
    await page.click("#run-best");
    await page.waitForURL(/#\/runs\/[0-9a-f-]{36}$/);
    await expect.poll(() => text("#run-state"), { timeout: 30_000 }).toBe("completed");
    const runId = decodeURIComponent(page.url().split("/runs/")[1]);
    const run = await api<{ metrics_summary: Record<string, number | null> }>(`/v1/backtests/${runId}/results`);
    const full = Object.entries(best.metrics).filter(([k]) => k.startsWith("full_"));
    expect(full.length).toBeGreaterThan(10);
    for (const [key, value] of full) expect([key, run.metrics_summary[key.slice("full_".length)]]).toEqual([key, value]);
    await page.locator("#metrics tr[data-metric=total_return]").waitFor({ state: "visible" });
    expect(await text("#metrics tr[data-metric=total_return] td.num")).toBe(shown(best.metrics.full_total_return!, 2));
  });

  it("cancels a running optimisation, resumes it, and follows it to completion", async () => {
    await page.click("#tab-optimizations");
    // Three years, one trial at a time: slow enough to cancel after the first trial.
    await fillForm({ name: "cancel and resume", concurrency: 1, start: "2022-01-01" });
    await page.click("#create-optimization");
    await page.waitForURL(/#\/optimizations\/[0-9a-f-]{36}$/);
    await page.locator("#trials tbody tr").first().waitFor({ state: "attached" });
    await page.click("#opt-cancel");
    await expect.poll(() => text("#opt-state")).toBe("cancelled");
    expect(await page.locator("#opt-cancel").isHidden()).toBe(true);
    expect(await page.locator("#opt-resume").isVisible()).toBe(true);
    const cancelled = await api<{ state: string; completed_trials: number }>(`/v1/optimizations/${optimizationId()}`);
    expect(cancelled.state).toBe("cancelled");
    expect(cancelled.completed_trials).toBeLessThan(TRIALS);
    expect((await debug()).connections).toBe(1);

    await page.click("#opt-resume");
    await expect.poll(() => text("#opt-state"), { timeout: 30_000 }).toBe("completed");
    expect(await text("#opt-completed")).toBe(String(TRIALS));
    const numbers = await page.locator("#trials tbody tr").evaluateAll((rows) => rows.map((r) => Number((r as HTMLElement).dataset.trial)));
    expect(numbers.sort((a, b) => a - b)).toEqual(Array.from({ length: TRIALS }, (_v, i) => i + 1));
    const d = await debug();
    expect(d.connections).toBe(2);
    expect(d.trialsReceived).toBe(TRIALS);
    await page.locator("#opt-results").waitFor({ state: "visible" });
  });

  it("replays a cancelled-then-resumed optimisation over Server-Sent Events when WebSocket is unavailable", async () => {
    const id = optimizationId();
    const events = await api<{ type: string }[]>(`/v1/optimizations/${id}/events?limit=1000`);
    const sse = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const sseRecord = await recordPage(sse);
    await sse.addInitScript((key: string) => {
      sessionStorage.setItem("glowback.apiKey", key);
      Reflect.deleteProperty(window, "WebSocket");
    }, KEY);
    await sse.goto(`${server.origin}/#/optimizations/${id}`, { waitUntil: "load" });
    await expect.poll(() => sse.locator("#opt-state").innerText(), { timeout: 30_000 }).toBe("completed");
    await expect.poll(() => sse.locator("#trials tbody tr").count()).toBe(TRIALS);
    const d = await sse.evaluate(() => (window as unknown as { __glowbackOptimization: Debug }).__glowbackOptimization);
    expect(d.trialsReceived).toBe(events.filter((e) => e.type === "trial").length);
    expect(sseRecord.requests.filter((url) => url.includes("/stream?"))).toEqual([`${server.origin}/v1/optimizations/${id}/stream?last_event_id=0&api_key=${KEY}`]);
    expect(sseRecord.pageErrors).toEqual([]);
    await sse.close();
  });

  it("lists recent optimisations", async () => {
    await page.click('a[href="#/optimizations"]');
    await expect.poll(() => page.locator("#optimizations-body tr td:first-child").allInnerTexts()).toEqual(["cancel and resume", "ma windows"]);
    expect(await page.locator("#optimizations-body tr .state").allInnerTexts()).toEqual(["completed", "completed"]);
    expect(await page.locator("#optimizations-body tr td:nth-child(3)").allInnerTexts()).toEqual([`${TRIALS} / ${TRIALS}`, `${TRIALS} / ${TRIALS}`]);
  });

  it("has no horizontal scroll at phone width (390 px)", async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: `${ARTIFACTS}dashboard-optimizations-phone.png`, fullPage: true });
    await page.click("#optimizations-body tr a");
    await page.locator("#opt-results").waitFor({ state: "visible" });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: `${ARTIFACTS}dashboard-optimization-phone.png`, fullPage: true });
    await page.setViewportSize({ width: 1280, height: 1000 });
    await page.screenshot({ path: `${ARTIFACTS}dashboard-optimization.png`, fullPage: true });
  });

  it("caused no CSP violation, page error, or request to another origin", async () => {
    expect(await record.violations()).toEqual([]);
    expect(record.cspConsole).toEqual([]);
    expect(record.pageErrors).toEqual([]);
    expect(record.requests.filter((url) => !url.startsWith(`${server.origin}/`) && !url.startsWith("blob:"))).toEqual([]);
  });
});
