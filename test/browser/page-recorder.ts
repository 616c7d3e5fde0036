/**
 * Records what a page does that a CSP test cares about: every request URL, console messages
 * about Content Security Policy, `securitypolicyviolation` events, and uncaught page errors.
 */
import type { Page } from "playwright-core";

/** A `securitypolicyviolation` event, as seen by the page. */
export interface CspViolation {
  directive: string;
  blockedURI: string;
  sourceFile: string;
  lineNumber: number;
  sample: string;
}

/** What the page did; read it after the page settled. */
export interface PageRecord {
  requests: string[];
  cspConsole: string[];
  pageErrors: string[];
  /** Violations reported to the page's own listener. */
  violations(): Promise<CspViolation[]>;
}

const VIOLATIONS_KEY = "__glowbackCspViolations";

/** Starts recording on `page`; call before the first navigation. */
export async function recordPage(page: Page): Promise<PageRecord> {
  const record = { requests: [] as string[], cspConsole: [] as string[], pageErrors: [] as string[] };
  page.on("request", (request) => record.requests.push(request.url()));
  page.on("console", (message) => {
    if (message.text().includes("Content Security Policy")) record.cspConsole.push(`${message.type()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => record.pageErrors.push(`${error.name}: ${error.message}`));
  // Init scripts are injected by the browser itself, so the page's CSP does not block this listener.
  await page.addInitScript((key: string) => {
    const store: unknown[] = [];
    Object.defineProperty(window, key, { value: store });
    document.addEventListener("securitypolicyviolation", (event) => {
      store.push({
        directive: event.effectiveDirective,
        blockedURI: event.blockedURI,
        sourceFile: event.sourceFile,
        lineNumber: event.lineNumber,
        sample: event.sample,
      });
    });
  }, VIOLATIONS_KEY);
  return {
    ...record,
    violations: () => page.evaluate((key: string) => (window as unknown as Record<string, CspViolation[]>)[key] ?? [], VIOLATIONS_KEY),
  };
}
