/** REST calls to this origin's `/v1` API (under the mount prefix) with the stored key as `Authorization: Bearer`. */
import { apiUrl } from "./api-base.ts";
import { readApiKey } from "./api-key.ts";

/** One entry of a 422's `details`. */
export interface FieldIssue {
  loc: (string | number)[];
  msg: string;
  type: string;
}

/** A non-2xx answer, with the envelope's code, message and details. */
export class ApiCallError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown,
  ) {
    super(message);
  }

  /** The 422 issues, or an empty list. */
  get issues(): FieldIssue[] {
    return this.status === 422 && Array.isArray(this.details) ? (this.details as FieldIssue[]) : [];
  }
}

/** The message shown for a 401 when a key was sent. */
export const WRONG_KEY_MESSAGE = "The API key was rejected (401): enter a valid key above.";
/** The message shown for a 401 when no key was sent. */
export const MISSING_KEY_MESSAGE = "This server requires an API key (401): enter it above.";

function headers(extra?: HeadersInit): Headers {
  const out = new Headers(extra);
  const key = readApiKey();
  if (key !== "") out.set("Authorization", `Bearer ${key}`);
  return out;
}

async function toError(response: Response): Promise<ApiCallError> {
  let body: { error?: { code?: string; message?: string; details?: unknown } } = {};
  try {
    body = await response.json();
  } catch {
    // Not an envelope (a proxy's page, say): fall back to the status line.
  }
  const code = body.error?.code ?? "http_error";
  const unauthorized = readApiKey() === "" ? MISSING_KEY_MESSAGE : WRONG_KEY_MESSAGE;
  const message = response.status === 401 ? unauthorized : (body.error?.message ?? `HTTP ${response.status}`);
  return new ApiCallError(response.status, code, message, body.error?.details ?? null);
}

/** Fetches `path` (e.g. `/v1/backtests`, resolved under the mount prefix); throws `ApiCallError` unless 2xx. */
export async function apiFetch(path: string, init: RequestInit = {}): Promise<Response> {
  const response = await fetch(apiUrl(path), { ...init, headers: headers(init.headers) });
  if (!response.ok) throw await toError(response);
  return response;
}

/** GETs (or sends `body` with `method`) and parses the JSON answer. */
export async function apiJson<T>(path: string, method = "GET", body?: unknown): Promise<T> {
  const init: RequestInit = { method };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { "Content-Type": "application/json" };
  }
  return (await (await apiFetch(path, init)).json()) as T;
}
