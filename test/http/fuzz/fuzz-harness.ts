/**
 * Shared harness of the fuzz suite: one in-process app (rate limits set out of reach so that
 * thousands of requests are not throttled), a fixed seed printed once so that a failure can be
 * replayed with `FUZZ_SEED=<seed>`, and the checks every fuzzed response must pass.
 */
import { createInMemoryDatasetStore } from "../../../src/runs/memory-dataset-store.ts";
import { createInMemoryRunStore } from "../../../src/runs/memory-run-store.ts";
import { RunService } from "../../../src/runs/run-service.ts";
import type { Harness } from "../../app/helpers.ts";
import { API_CSP_VALUE, FIXED_SECURITY_HEADERS, SECOND_KEY, UUID_PATTERN, VALID_KEY, WRONG_KEY, makeApp } from "../../app/helpers.ts";
import { gatedProvider } from "../../routes/backtests/gated-provider.ts";

/** The seed of every property (override with `FUZZ_SEED`); recorded so failures reproduce. */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20_260_705);

/** Environment of the fuzzed app: two keys, limits the fuzz never reaches. */
export const FUZZ_ENV = {
  GLOWBACK_API_KEY: `${VALID_KEY},${SECOND_KEY}`,
  GLOWBACK_RATE_LIMIT: "1000000000",
  GLOWBACK_AUTH_FAILURE_LIMIT: "1000000000",
  GLOWBACK_RATE_WINDOW: "60",
};

/** Configured keys. */
export const CONFIGURED_KEYS: readonly string[] = [VALID_KEY, SECOND_KEY];

/** Strings that must never appear in a log line. */
export const NEVER_LOGGED: readonly string[] = [VALID_KEY, SECOND_KEY, WRONG_KEY];

/** A fuzz app whose runs never leave `queued`/`running` (their data never arrives), so accepted runs cost nothing. */
export function makeFuzzApp(): Harness {
  const gate = gatedProvider();
  const service = new RunService({ store: createInMemoryRunStore(), datasets: createInMemoryDatasetStore(), providerFor: () => gate.provider });
  return makeApp(FUZZ_ENV, { service });
}

/** Prints the seed once per file, so a failing CI log names it. */
export function announceSeed(file: string): void {
  console.info(`[fuzz] ${file}: seed ${FUZZ_SEED} (replay with FUZZ_SEED=${FUZZ_SEED})`);
}

const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const PUBLIC_PATHS = new Set(["/", "/healthz", "/v1/healthz", "/openapi.json", "/docs", "/docs/"]);

/** The path as the router sees it: the URL's pathname, percent-decoded except reserved characters. */
export function routedPath(url: string): string {
  // As `app.request` builds it: the origin prepended to the path.
  const pathname = new URL(`http://localhost${url}`).pathname;
  try {
    return decodeURI(pathname);
  } catch {
    return pathname;
  }
}

/** True for the paths that need no key (API spec §2). */
export function isPublic(path: string): boolean {
  return PUBLIC_PATHS.has(path) || path.startsWith("/docs/") || path.startsWith("/dashboard/");
}

/** True for the HTML pages and their assets, which carry their own (strict) CSP. */
function isUiPath(path: string): boolean {
  return path === "/" || path.startsWith("/docs") || path.startsWith("/dashboard/");
}

/** What the fuzzer sent. */
export interface Sent {
  url: string;
  method: string;
  requestId: string | null;
  /** Strings that must not appear in any log line (keys and `api_key` values sent). */
  secrets: readonly string[];
}

/** Throws with `message` unless `condition` holds (cheaper than `expect` across thousands of cases). */
export function check(condition: boolean, message: () => string): void {
  if (!condition) throw new Error(message());
}

const show = (value: unknown) => JSON.stringify(value);

/** Checks every fuzzed response must pass; returns the parsed body of an error (or null). */
export async function checkResponse(h: Harness, sent: Sent, res: Response): Promise<unknown> {
  const what = `${sent.method} ${sent.url.slice(0, 300)} -> ${res.status}`;
  check(res.status >= 100 && res.status < 500, () => `5xx: ${what}`);
  for (const [name, value] of Object.entries(FIXED_SECURITY_HEADERS)) {
    check(res.headers.get(name) === value, () => `${name} is ${show(res.headers.get(name))}: ${what}`);
  }
  const path = routedPath(sent.url);
  const csp = res.headers.get("content-security-policy") ?? "";
  check(isUiPath(path) ? csp.startsWith("default-src 'none'") : csp === API_CSP_VALUE, () => `CSP ${show(csp)}: ${what}`);
  const requestId = res.headers.get("x-request-id") ?? "";
  const echoed = sent.requestId !== null && CLIENT_REQUEST_ID.test(sent.requestId);
  check(echoed ? requestId === sent.requestId : UUID_PATTERN.test(requestId), () => `X-Request-ID ${show(requestId)} for ${show(sent.requestId)}: ${what}`);

  const secrets = [...NEVER_LOGGED, ...sent.secrets];
  for (const line of h.lines) {
    for (const secret of secrets) check(!line.includes(secret), () => `log line leaks ${show(secret)}: ${line}`);
  }
  const request = h.events("request");
  check(request.length === 1 && request[0].request_id === requestId && request[0].status === res.status, () => `request lines ${show(request)}: ${what}`);

  if (res.status < 400 || sent.method === "HEAD") {
    await res.body?.cancel();
    return null;
  }
  const text = await res.text();
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new Error(`error body is not JSON (${show(text.slice(0, 200))}): ${what}`);
  }
  const keys = Object.keys(body).sort().join(",");
  if (path === "/v1" || path.startsWith("/v1/")) {
    const error = body.error as Record<string, unknown> | undefined;
    check(
      keys === "error,request_id" && body.request_id === requestId && error !== undefined && Object.keys(error).sort().join(",") === "code,details,message" &&
        typeof error.code === "string" && typeof error.message === "string",
      () => `not the /v1 envelope ${show(body)}: ${what}`,
    );
    if (res.status === 422) checkValidationDetails(error!.details, what);
  } else {
    check(keys === "detail", () => `not the legacy envelope ${show(body)}: ${what}`);
    if (res.status === 422) checkValidationDetails(body.detail, what);
    else check(typeof body.detail === "string", () => `legacy detail not a string ${show(body)}: ${what}`);
  }
  return body;
}

function checkValidationDetails(details: unknown, what: string): void {
  check(Array.isArray(details), () => `422 details not a list: ${what}`);
  for (const entry of details as Record<string, unknown>[]) {
    check(Array.isArray(entry.loc) && typeof entry.msg === "string" && typeof entry.type === "string", () => `bad 422 entry ${show(entry)}: ${what}`);
  }
}

/** Audit lines saying the request was let in. */
export function allowedLines(h: Harness): Record<string, unknown>[] {
  return h.events("auth").filter((line) => line.outcome === "allowed");
}
